package dev.switchboard.cli.torrent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.cli.CliRun;
import dev.switchboard.cli.VersionProvider;
import dev.switchboard.torrent.metainfo.Metainfo;
import dev.switchboard.torrent.metainfo.MetainfoParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code switchboard torrent create}: the torrent written, two lines on stdout, or one error line. */
class TorrentCreateCommandTest {
    private static final String TRACKER = "http://tracker.example:6969/announce";

    @TempDir
    Path dir;

    private Path data;
    private Path output;

    @BeforeEach
    void files() throws Exception {
        data = Files.write(dir.resolve("data.bin"), new byte[100_000]);
        output = dir.resolve("out.torrent");
    }

    @Test
    void createsATorrentAndPrintsItsInfoHash() throws Exception {
        CliRun run = CliRun.of("torrent", "create", data.toString(), "-t", TRACKER, "--piece-size", "32KiB",
                "--private", "--comment", "for testing", "-o", output.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        Metainfo metainfo = MetainfoParser.read(output);
        assertThat(run.out()).isEqualTo("created: " + output + "\ninfo-hash: " + metainfo.infoHash().hex() + "\n");
        assertThat(run.errLines()).singleElement().asString().matches("hashed 97\\.7 KiB in \\d+\\.\\d s, \\d+\\.\\d MiB/s");
        assertThat(metainfo.name()).isEqualTo("data.bin");
        assertThat(metainfo.pieceLength()).isEqualTo(32 * 1024);
        assertThat(metainfo.pieceCount()).isEqualTo(4);
        assertThat(metainfo.isPrivate()).isTrue();
        assertThat(metainfo.comment()).contains("for testing");
        assertThat(metainfo.createdBy()).contains("switchboard " + VersionProvider.version());
        assertThat(metainfo.announce()).contains(TRACKER);
        assertThat(metainfo.creationDate()).isPresent();
    }

    @Test
    void severalTrackersAreTiersAndPieceSizeDefaultsToAuto() throws Exception {
        Path share = Files.createDirectory(dir.resolve("share"));
        Files.write(share.resolve("a"), new byte[10]);
        Files.write(share.resolve(".b"), new byte[20]);

        CliRun run = CliRun.of("torrent", "create", share.toString(), "-t", TRACKER, "-t", "udp://backup.example:6969",
                "--output", output.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        Metainfo metainfo = MetainfoParser.read(output);
        assertThat(metainfo.trackerTiers()).containsExactly(List.of(TRACKER), List.of("udp://backup.example:6969"));
        assertThat(metainfo.pieceLength()).isEqualTo(16 * 1024);
        assertThat(metainfo.isPrivate()).isFalse();
        assertThat(metainfo.files()).extracting(f -> f.path().toString()).containsExactly("share/.b", "share/a");
    }

    @Test
    void missingPathIsOneErrorLine() {
        Path missing = dir.resolve("missing");
        CliRun run = CliRun.of("torrent", "create", missing.toString(), "-t", TRACKER, "-o", output.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).isEmpty();
        assertThat(run.errLines()).containsExactly("error: " + missing + ": no such file or directory");
        assertThat(output).doesNotExist();
    }

    @Test
    void existingOutputIsKeptUnlessForced() throws Exception {
        Files.writeString(output, "precious");

        CliRun refused = CliRun.of("torrent", "create", data.toString(), "-t", TRACKER, "-o", output.toString());

        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.errLines()).containsExactly(
                "error: " + output + ": already exists; add --force to overwrite it");
        assertThat(output).hasContent("precious");

        CliRun forced = CliRun.of("torrent", "create", data.toString(), "-t", TRACKER, "-o", output.toString(), "--force");

        assertThat(forced.exitCode()).as(forced.err()).isZero();
        assertThat(MetainfoParser.read(output).name()).isEqualTo("data.bin");
        assertThat(dir).isDirectoryNotContaining("glob:**.part");
    }

    @Test
    void pieceSizeThatIsNotAPowerOfTwoIsAUsageError() {
        CliRun run = CliRun.of("torrent", "create", data.toString(), "-t", TRACKER, "--piece-size", "100KiB",
                "-o", output.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errLines()).containsExactly("error: --piece-size: 100KiB is not a power of two from 16KiB to 256MiB");
        assertThat(output).doesNotExist();
    }

    @Test
    void pieceSizeThatIsNotASizeIsAUsageError() {
        CliRun run = CliRun.of("torrent", "create", data.toString(), "-t", TRACKER, "--piece-size", "big",
                "-o", output.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errLines()).containsExactly(
                "error: --piece-size: 'big' is not a size (examples: 1024, 64KiB, 16MiB), or auto");
    }

    @Test
    void trackerIsRequiredAndMustBeAnAnnounceUrl() {
        CliRun none = CliRun.of("torrent", "create", data.toString(), "-o", output.toString());
        assertThat(none.exitCode()).isEqualTo(2);
        assertThat(none.errLines()[0]).isEqualTo("error: Missing required option: '--tracker=ANNOUNCE_URL'");

        CliRun bad = CliRun.of("torrent", "create", data.toString(), "-t", "tracker.example", "-o", output.toString());
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.errLines()).containsExactly(
                "error: tracker URL 'tracker.example' is not an http://, https:// or udp:// URL with a host");
    }

    @Test
    void outputInsideTheSharedDirectoryIsRefused() throws Exception {
        Path share = Files.createDirectory(dir.resolve("share"));
        Files.write(share.resolve("a"), new byte[10]);
        Path inside = share.resolve("share.torrent");

        CliRun run = CliRun.of("torrent", "create", share.toString(), "-t", TRACKER, "-o", inside.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errLines()).containsExactly("error: the output " + inside + " would be inside " + share
                + ", which is being shared; write it elsewhere");
    }

    @Test
    void unsafeFileNameInTheSourceIsOneErrorLine() throws Exception {
        Path share = Files.createDirectory(dir.resolve("share"));
        Files.write(share.resolve("a\\b"), new byte[10]);

        CliRun run = CliRun.of("torrent", "create", share.toString(), "-t", TRACKER, "-o", output.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.errLines()).containsExactly("error: unsafe path 'share/a\\b': component 'a\\b' contains '\\'");
        assertThat(output).doesNotExist();
    }
}
