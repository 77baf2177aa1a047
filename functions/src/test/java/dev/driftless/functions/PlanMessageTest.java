package dev.driftless.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The pull-request plan message: a round trip, and bodies the sync function refuses, naming the field. */
class PlanMessageTest {

  private static final String HEAD = "3f1e2d3c4b5a69788a7b6c5d4e3f2a1b0c9d8e7f";

  @Test
  void roundTripsThroughItsJsonAndIsToldApartFromASyncMessage() {
    PlanMessage m = new PlanMessage("https://git.example.com/acme/deploy.git", 7, HEAD, List.of("web", "api"));
    assertThat(PlanMessage.isOne(m.toJson())).isTrue();
    assertThat(PlanMessage.parse(m.toJson(), "m1")).isEqualTo(m);
    assertThat(PlanMessage.isOne("{\"application\":\"web\",\"trigger\":\"push\"}")).isFalse();
  }

  @Test
  void aHeadThatIsNotACommitIdOrANumberThatIsNotPositiveIsRefused() {
    assertThatThrownBy(() -> PlanMessage.parse("{\"type\":\"pull-request-plan\",\"repository\":\"r\",\"number\":7,"
        + "\"head\":\"main\",\"applications\":[]}", "m2")).hasMessage("message m2: head is not a commit id");
    assertThatThrownBy(() -> PlanMessage.parse("{\"type\":\"pull-request-plan\",\"repository\":\"r\",\"number\":-1,"
        + "\"head\":\"" + HEAD + "\",\"applications\":[]}", "m3"))
        .hasMessage("message m3: number is not a positive integer");
  }
}
