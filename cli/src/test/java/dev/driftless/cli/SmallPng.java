package dev.driftless.cli;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/**
 * Writes a screenshot as a small PNG for the repository: scaled down to a maximum width, reduced to a palette of
 * the 256 most common colours (a page's flat backgrounds and text take few; anti-aliased edges go to the
 * nearest), and deflated hardest. A 1000 px wide page of text comes to about a third of its RGB size.
 */
final class SmallPng {

  /** Colours are counted in buckets of 5 bits per channel, so near-identical shades share a palette entry. */
  private static final int BUCKET_BITS = 5;
  private static final int PALETTE = 256;

  private SmallPng() {}

  static void write(BufferedImage image, int maxWidth, Path png) throws IOException {
    BufferedImage indexed = toPalette(scaledToWidth(image, maxWidth));
    ImageWriter writer = ImageIO.getImageWritersByFormatName("png").next();
    // Through a truncating stream: an ImageOutputStream on a File overwrites in place and keeps the tail of a
    // longer file that was there before.
    try (OutputStream file = Files.newOutputStream(png);
        ImageOutputStream out = ImageIO.createImageOutputStream(file)) {
      ImageWriteParam param = writer.getDefaultWriteParam();
      param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
      param.setCompressionQuality(0f);
      writer.setOutput(out);
      writer.write(null, new IIOImage(indexed, null, null), param);
    } finally {
      writer.dispose();
    }
  }

  private static BufferedImage scaledToWidth(BufferedImage image, int maxWidth) {
    int width = Math.min(maxWidth, image.getWidth());
    int height = Math.max(1, Math.round(image.getHeight() * (float) width / image.getWidth()));
    BufferedImage scaled = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = scaled.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
      g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
      g.drawImage(image, 0, 0, width, height, null);
    } finally {
      g.dispose();
    }
    return scaled;
  }

  private static BufferedImage toPalette(BufferedImage rgb) {
    int[] pixels = rgb.getRGB(0, 0, rgb.getWidth(), rgb.getHeight(), null, 0, rgb.getWidth());
    int buckets = 1 << (3 * BUCKET_BITS);
    long[] count = new long[buckets];
    long[][] sum = new long[3][buckets];
    for (int p : pixels) {
      int b = bucket(p);
      count[b]++;
      sum[0][b] += (p >> 16) & 0xff;
      sum[1][b] += (p >> 8) & 0xff;
      sum[2][b] += p & 0xff;
    }
    int[] popular = IntStream.range(0, buckets).filter(b -> count[b] > 0).boxed()
        .sorted(Comparator.comparingLong((Integer b) -> count[b]).reversed()).limit(PALETTE)
        .mapToInt(Integer::intValue).toArray();
    byte[][] palette = new byte[3][popular.length];
    for (int i = 0; i < popular.length; i++) {
      for (int c = 0; c < 3; c++) {
        palette[c][i] = (byte) (sum[c][popular[i]] / count[popular[i]]);
      }
    }
    int size = Math.max(2, popular.length);
    IndexColorModel model = new IndexColorModel(8, size, Arrays.copyOf(palette[0], size),
        Arrays.copyOf(palette[1], size), Arrays.copyOf(palette[2], size));
    BufferedImage indexed = new BufferedImage(rgb.getWidth(), rgb.getHeight(), BufferedImage.TYPE_BYTE_INDEXED,
        model);
    int[] nearest = new int[buckets];
    Arrays.fill(nearest, -1);
    var raster = indexed.getRaster();
    for (int i = 0; i < pixels.length; i++) {
      int b = bucket(pixels[i]);
      if (nearest[b] < 0) {
        nearest[b] = nearestEntry(pixels[i], palette);
      }
      raster.setSample(i % rgb.getWidth(), i / rgb.getWidth(), 0, nearest[b]);
    }
    return indexed;
  }

  private static int bucket(int rgb) {
    int shift = 8 - BUCKET_BITS;
    int r = ((rgb >> 16) & 0xff) >> shift;
    int g = ((rgb >> 8) & 0xff) >> shift;
    int b = (rgb & 0xff) >> shift;
    return (r << (2 * BUCKET_BITS)) | (g << BUCKET_BITS) | b;
  }

  private static int nearestEntry(int rgb, byte[][] palette) {
    int r = (rgb >> 16) & 0xff;
    int g = (rgb >> 8) & 0xff;
    int b = rgb & 0xff;
    int best = 0;
    long bestDistance = Long.MAX_VALUE;
    for (int i = 0; i < palette[0].length; i++) {
      long dr = r - (palette[0][i] & 0xff);
      long dg = g - (palette[1][i] & 0xff);
      long db = b - (palette[2][i] & 0xff);
      long distance = dr * dr + dg * dg + db * db;
      if (distance < bestDistance) {
        bestDistance = distance;
        best = i;
      }
    }
    return best;
  }
}
