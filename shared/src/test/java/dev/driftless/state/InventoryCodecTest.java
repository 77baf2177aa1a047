package dev.driftless.state;

import static org.assertj.core.api.Assertions.assertThat;

import dev.driftless.inventory.Inventory;
import dev.driftless.model.ObjectKey;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class InventoryCodecTest {

  private static final SecureRandom RANDOM = new SecureRandom();

  private static String hex(int bytes) {
    byte[] b = new byte[bytes];
    RANDOM.nextBytes(b);
    return HexFormat.of().formatHex(b);
  }

  @Test
  void entriesRoundTripWithAndWithoutAnOwnedFieldsDigest() {
    Inventory inv = new Inventory(Map.of(
        new ObjectKey("apps", "Deployment", "shop", "web"),
        new Inventory.Entry("apps/v1", "sha256:" + hex(32), "1234", hex(8), 2),
        new ObjectKey("", "Namespace", "", "shop"), new Inventory.Entry("v1", "sha256:" + hex(32), "7", null, -1)));
    assertThat(InventoryCodec.decode(InventoryCodec.encode(inv))).isEqualTo(inv);
  }

  @Test
  void rowsStoredBeforeTheOwnedFieldsDigestExistedDecodeWithoutIt() throws Exception {
    String legacy = "[[\"\",\"ConfigMap\",\"shop\",\"settings\",\"v1\",\"sha256:ab\",\"42\",0]]";
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(legacy.getBytes(StandardCharsets.UTF_8));
    }
    Inventory inv = InventoryCodec.decode(out.toByteArray());
    assertThat(inv.get(new ObjectKey("", "ConfigMap", "shop", "settings")))
        .isEqualTo(new Inventory.Entry("v1", "sha256:ab", "42", null, 0));
  }

  @Test
  void fiveThousandObjectsWithRealisticDigestsFitWellUnderTheItemLimit() {
    Map<ObjectKey, Inventory.Entry> entries = new HashMap<>();
    for (int i = 0; i < 5000; i++) {
      entries.put(new ObjectKey("apps", "Deployment", "team-" + (i % 20), "service-" + i),
          new Inventory.Entry("apps/v1", "sha256:" + hex(32), Integer.toString(100_000 + i * 7), hex(8), i % 3));
    }
    int bytes = InventoryCodec.encode(new Inventory(entries)).length;
    assertThat(bytes).as("compressed inventory of 5,000 objects").isLessThan(320_000);
  }
}
