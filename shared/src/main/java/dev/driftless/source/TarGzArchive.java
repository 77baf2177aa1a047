package dev.driftless.source;

import dev.driftless.source.SourceException.Failure;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Unpacks a {@code .tar.gz} (a chart as {@code helm package} writes it, an OCI artifact's layer as oras or flux push
 * it) into a directory: regular files and directories only (links and devices are refused, not skipped, since
 * manifests need none), every
 * name relative and staying inside the directory, at most {@value #MAX_FILES} entries and {@code maxBytes}
 * unpacked. Reads ustar headers, PAX path records and GNU long names.
 */
final class TarGzArchive {

  static final int MAX_FILES = 10_000;
  private static final int BLOCK = 512;

  private TarGzArchive() {}

  static void unpack(byte[] tgz, Path into, long maxBytes, String what) {
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(tgz))) {
      long total = 0;
      int files = 0;
      String longName = null;
      byte[] header = new byte[BLOCK];
      while (readBlock(in, header)) {
        if (isZero(header)) {
          break;
        }
        long size = octal(header, 124, 12, what);
        char type = (char) header[156];
        if (type == 'x' || type == 'L') {
          byte[] data = readData(in, size, 1 << 20, what);
          longName = type == 'L' ? cString(data, 0, data.length) : paxPath(data, longName);
          continue;
        }
        if (type == 'g') {
          readData(in, size, 1 << 20, what);
          continue;
        }
        String name = longName != null ? longName : ustarName(header);
        longName = null;
        if (++files > MAX_FILES) {
          throw refused(what, "more than " + MAX_FILES + " entries");
        }
        if (type == '5' && isRoot(name)) {
          continue; // "./", which tar writes for the directory it was given
        }
        Path target = inside(into, name, what);
        if (type == '5') {
          Files.createDirectories(target);
          continue;
        }
        if (type != '0' && type != '\0' && type != '7') {
          throw refused(what, "entry " + name + " is not a regular file or directory (type " + type + ")");
        }
        total += size;
        if (total > maxBytes) {
          throw refused(what, "unpacks to more than " + maxBytes + " bytes");
        }
        Files.createDirectories(target.getParent());
        try (OutputStream out = Files.newOutputStream(target)) {
          copy(in, out, size, what);
        }
        in.skipNBytes(pad(size));
      }
    } catch (IOException e) {
      throw new SourceException(Failure.NOT_FOUND, what + ": not a readable chart archive (.tgz): "
          + e.getClass().getSimpleName());
    }
  }

  private static boolean isRoot(String name) {
    String n = name.replaceAll("^(\\./)+", "");
    return n.isEmpty() || n.equals(".");
  }

  /** The entry's path below {@code into}: relative, no {@code ..}, no empty name. */
  private static Path inside(Path into, String name, String what) {
    String n = name.replace('\\', '/');
    while (n.startsWith("./")) n = n.substring(2);
    if (n.isEmpty() || n.startsWith("/") || n.contains("\0") || List.of(n.split("/")).contains("..")) {
      throw refused(what, "entry " + name + " leaves the directory");
    }
    Path target = into.resolve(n).normalize();
    if (!target.startsWith(into) || target.equals(into)) {
      throw refused(what, "entry " + name + " leaves the directory");
    }
    return target;
  }

  private static String ustarName(byte[] h) {
    String name = cString(h, 0, 100);
    String prefix = new String(h, 257, 6, StandardCharsets.US_ASCII).startsWith("ustar") ? cString(h, 345, 155) : "";
    return prefix.isEmpty() ? name : prefix + "/" + name;
  }

  /** The {@code path} record of a PAX header, else what was known before it. */
  private static String paxPath(byte[] data, String before) {
    String text = new String(data, StandardCharsets.UTF_8);
    for (String record : text.split("\n")) {
      int space = record.indexOf(' ');
      if (space > 0 && record.startsWith("path=", space + 1)) {
        return record.substring(space + 1 + "path=".length());
      }
    }
    return before;
  }

  private static String cString(byte[] b, int off, int len) {
    int end = off;
    while (end < off + len && b[end] != 0) end++;
    return new String(b, off, end - off, StandardCharsets.UTF_8);
  }

  private static long octal(byte[] b, int off, int len, String what) {
    String s = cString(b, off, len).trim();
    if (s.isEmpty()) return 0;
    if (!s.matches("[0-7]{1,11}")) {
      throw refused(what, "an entry's size is not an octal number of at most 11 digits");
    }
    return Long.parseLong(s, 8);
  }

  private static boolean readBlock(InputStream in, byte[] block) throws IOException {
    int read = in.readNBytes(block, 0, BLOCK);
    return read == BLOCK;
  }

  private static boolean isZero(byte[] b) {
    for (byte x : b) {
      if (x != 0) return false;
    }
    return true;
  }

  private static byte[] readData(InputStream in, long size, int max, String what) throws IOException {
    if (size > max) {
      throw refused(what, "a header record larger than " + max + " bytes");
    }
    byte[] data = in.readNBytes((int) size);
    if (data.length != size) {
      throw refused(what, "the archive ends inside an entry");
    }
    in.skipNBytes(pad(size));
    return data;
  }

  private static void copy(InputStream in, OutputStream out, long size, String what) throws IOException {
    byte[] buffer = new byte[8192];
    long left = size;
    while (left > 0) {
      int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
      if (n < 0) {
        throw refused(what, "the archive ends inside an entry");
      }
      out.write(buffer, 0, n);
      left -= n;
    }
  }

  private static long pad(long size) {
    return (BLOCK - size % BLOCK) % BLOCK;
  }

  private static SourceException refused(String what, String why) {
    return new SourceException(Failure.REFUSED, what + ": archive refused: " + why);
  }
}
