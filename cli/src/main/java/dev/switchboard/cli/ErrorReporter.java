package dev.switchboard.cli;

import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * Turns any failure into one line, {@code error: <what went wrong>}, and a non-zero exit code:
 * 2 for a bad command line, 1 for everything else. The stack trace only with --verbose.
 */
final class ErrorReporter implements IExecutionExceptionHandler, IParameterExceptionHandler {
    static final int EXIT_FAILURE = 1;
    static final int EXIT_USAGE = 2;

    @Override
    public int handleExecutionException(Exception ex, CommandLine cli, ParseResult parseResult) {
        Throwable cause = unwrap(ex);
        cli.getErr().println("error: " + messageOf(cause));
        if (Verbosity.isVerbose()) {
            cause.printStackTrace(cli.getErr());
        }
        cli.getErr().flush();
        return cause instanceof UsageException ? EXIT_USAGE : EXIT_FAILURE;
    }

    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        CommandLine cli = ex.getCommandLine();
        cli.getErr().println("error: " + messageOf(ex));
        cli.getErr().println("Try '" + cli.getCommandSpec().qualifiedName() + " --help' for the options.");
        if (Verbosity.isVerbose()) {
            ex.printStackTrace(cli.getErr());
        }
        cli.getErr().flush();
        return EXIT_USAGE;
    }

    static Throwable unwrap(Throwable t) {
        Throwable cause = t;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    static String messageOf(Throwable t) {
        if (t instanceof FileSystemException f && f.getReason() == null && f.getFile() != null) {
            return f.getFile() + ": " + fileProblem(f); // the JDK's message is often just the path
        }
        String message = t.getMessage();
        return message == null || message.isBlank() ? t.getClass().getSimpleName() : message;
    }

    private static String fileProblem(FileSystemException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file or directory";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileAlreadyExistsException) {
            return "already exists";
        }
        if (e instanceof NotDirectoryException) {
            return "not a directory";
        }
        return e.getClass().getSimpleName();
    }
}
