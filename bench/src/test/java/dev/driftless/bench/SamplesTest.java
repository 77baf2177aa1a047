package dev.driftless.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SamplesTest {

  @Test
  void medianIsTheMiddleValueOrTheMeanOfTheTwoMiddleOnes() {
    assertThat(new Samples().add(9).add(1).add(5).median()).isEqualTo(5);
    assertThat(new Samples().add(4).add(1).add(2).add(3).median()).isEqualTo(2.5);
  }

  @Test
  void minAndMaxIgnoreInsertionOrder() {
    Samples s = new Samples().add(3).add(-1).add(7);
    assertThat(s.min()).isEqualTo(-1);
    assertThat(s.max()).isEqualTo(7);
  }

  @Test
  void noSamplesIsAnErrorNotAZero() {
    assertThatThrownBy(() -> new Samples().median()).hasMessageContaining("no samples");
  }

  @Test
  void revisionTwoChangesOneObjectInTenRotatingOverTheKinds() {
    long changed = IntStream.range(0, 1000).filter(ObjectMix::changedInRevision2).count();
    assertThat(changed).isEqualTo(100);
    assertThat(IntStream.range(0, 100).filter(ObjectMix::changedInRevision2)
        .mapToObj(ObjectMix::kindOf).distinct()).hasSize(5);
  }
}
