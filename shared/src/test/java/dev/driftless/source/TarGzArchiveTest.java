package dev.driftless.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.driftless.source.SourceException.Failure;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A chart archive unpacks only regular files and directories, inside the target, within its bounds. */
class TarGzArchiveTest {

  @TempDir
  Path tmp;

  /** One tar entry: a ustar header (name, size, type) and the content padded to 512 bytes. */
  private static void entry(ByteArrayOutputStream tar, String name, char type, String content) {
    byte[] header = new byte[512];
    byte[] n = name.getBytes(StandardCharsets.UTF_8);
    System.arraycopy(n, 0, header, 0, n.length);
    byte[] data = content.getBytes(StandardCharsets.UTF_8);
    byte[] size = String.format("%011o", data.length).getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(size, 0, header, 124, size.length);
    header[156] = (byte) type;
    System.arraycopy("ustar".getBytes(StandardCharsets.US_ASCII), 0, header, 257, 5);
    tar.writeBytes(header);
    tar.writeBytes(data);
    tar.writeBytes(new byte[(512 - data.length % 512) % 512]);
  }

  private static byte[] tgz(ByteArrayOutputStream tar) throws IOException {
    tar.writeBytes(new byte[1024]);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(tar.toByteArray());
    }
    return out.toByteArray();
  }

  @Test
  void aChartsFilesAndDirectoriesAreUnpacked() throws IOException {
    ByteArrayOutputStream tar = new ByteArrayOutputStream();
    entry(tar, "web/", '5', "");
    entry(tar, "web/Chart.yaml", '0', "name: web\n");
    entry(tar, "web/templates/cm.yaml", '0', "kind: ConfigMap\n");

    TarGzArchive.unpack(tgz(tar), tmp, 1 << 20, "chart web");

    assertThat(tmp.resolve("web/Chart.yaml")).hasContent("name: web");
    assertThat(tmp.resolve("web/templates/cm.yaml")).hasContent("kind: ConfigMap");
  }

  @Test
  void anEntryClimbingOutOfTheDirectoryIsRefusedAndNothingIsWrittenThere() throws IOException {
    ByteArrayOutputStream tar = new ByteArrayOutputStream();
    entry(tar, "web/../../escaped.txt", '0', "owned\n");
    Path into = Files.createDirectories(tmp.resolve("into"));

    SourceException e = catchThrowableOfType(SourceException.class,
        () -> TarGzArchive.unpack(tgz(tar), into, 1 << 20, "chart web"));

    assertThat(e.failure()).isEqualTo(Failure.REFUSED);
    assertThat(e).hasMessage("chart web: archive refused: entry web/../../escaped.txt leaves the directory");
    assertThat(tmp.resolve("escaped.txt")).doesNotExist();
  }

  @Test
  void anAbsoluteEntryIsRefused() throws IOException {
    ByteArrayOutputStream tar = new ByteArrayOutputStream();
    entry(tar, "/etc/passwd", '0', "x\n");

    assertThat(catchThrowableOfType(SourceException.class,
        () -> TarGzArchive.unpack(tgz(tar), tmp, 1 << 20, "chart web")))
        .hasMessage("chart web: archive refused: entry /etc/passwd leaves the directory");
  }

  @Test
  void aSymbolicLinkIsRefusedNotFollowed() throws IOException {
    ByteArrayOutputStream tar = new ByteArrayOutputStream();
    entry(tar, "web/values.yaml", '2', "");

    assertThat(catchThrowableOfType(SourceException.class,
        () -> TarGzArchive.unpack(tgz(tar), tmp, 1 << 20, "chart web")))
        .hasMessage("chart web: archive refused: entry web/values.yaml is not a regular file or directory"
            + " (type 2)");
  }

  @Test
  void anArchiveUnpackingPastItsBoundIsRefused() throws IOException {
    ByteArrayOutputStream tar = new ByteArrayOutputStream();
    entry(tar, "web/big.yaml", '0', "x".repeat(2048));

    assertThat(catchThrowableOfType(SourceException.class,
        () -> TarGzArchive.unpack(tgz(tar), tmp, 1024, "chart web")))
        .hasMessage("chart web: archive refused: unpacks to more than 1024 bytes");
  }

  @Test
  void aPaxPathLongerThanAUstarNameIsUsed() throws IOException {
    String longName = "web/templates/" + "d".repeat(120) + ".yaml";
    String record = " path=" + longName + "\n";
    int length = record.length() + 3;
    ByteArrayOutputStream tar = new ByteArrayOutputStream();
    entry(tar, "PaxHeaders/x", 'x', length + record);
    entry(tar, "web/templates/truncated", '0', "kind: ConfigMap\n");

    TarGzArchive.unpack(tgz(tar), tmp, 1 << 20, "chart web");

    assertThat(tmp.resolve(longName)).hasContent("kind: ConfigMap");
  }
}
