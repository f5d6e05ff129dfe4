package dev.switchboard.mqtt.topic;

/** Thrown by the {@code of} factories when a string is not a valid topic name or filter. */
public final class InvalidTopicException extends IllegalArgumentException {

    private final TopicProblem problem;

    InvalidTopicException(TopicProblem problem, String input) {
        super(describe(problem, input));
        this.problem = problem;
    }

    /** Why the input was refused. */
    public TopicProblem problem() {
        return problem;
    }

    private static String describe(TopicProblem problem, String input) {
        String shown = input.length() > 80 ? input.substring(0, 80) + "..." : input;
        return "invalid topic '" + shown + "': " + problem.description();
    }
}
