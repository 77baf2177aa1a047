package dev.driftless.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class ItemSizeTest {

  @Test
  void aStringAttributeCostsItsNameAndValueInUtf8Bytes() {
    assertThat(ItemSize.of(Map.of("pk", AttributeValue.fromS("APP#a")))).isEqualTo(2 + 5);
    assertThat(ItemSize.of(Map.of("n", AttributeValue.fromS("é")))).as("two bytes in UTF-8").isEqualTo(1 + 2);
  }

  @Test
  void aNumberCostsOneBytePerTwoSignificantDigitsPlusOne() {
    assertThat(ItemSize.of(AttributeValue.fromN("12345"))).isEqualTo(3 + 1);
    assertThat(ItemSize.of(AttributeValue.fromN("1200.00"))).as("leading and trailing zeros trimmed").isEqualTo(2);
  }

  @Test
  void binaryBooleanAndNullCostTheirBytesOrOne() {
    assertThat(ItemSize.of(AttributeValue.fromB(SdkBytes.fromByteArray(new byte[100])))).isEqualTo(100);
    assertThat(ItemSize.of(AttributeValue.fromBool(true))).isEqualTo(1);
    assertThat(ItemSize.of(AttributeValue.fromNul(true))).isEqualTo(1);
  }

  @Test
  void mapsAndListsCostThreeBytesPlusOnePerElement() {
    assertThat(ItemSize.of(AttributeValue.fromL(List.of(AttributeValue.fromS("ab"), AttributeValue.fromBool(false)))))
        .isEqualTo(3 + (1 + 2) + (1 + 1));
    assertThat(ItemSize.of(AttributeValue.fromM(Map.of("k", AttributeValue.fromS("v"))))).isEqualTo(3 + 1 + 1 + 1);
  }
}
