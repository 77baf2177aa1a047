package dev.driftless.functions;

import static org.assertj.core.api.Assertions.assertThatCode;

import org.junit.jupiter.api.Test;

class PrimingTest {

  @Test
  void primingRunsTheOfflineHotPathWithoutNetworkOrState() {
    assertThatCode(Priming::prime).doesNotThrowAnyException();
    assertThatCode(() -> Priming.register().beforeCheckpoint(null)).doesNotThrowAnyException();
  }

  @Test
  void theWebhookAndScanPrimingRunsItsHotPathWithoutKubernetesObjects() {
    assertThatCode(Priming::primeMessages).doesNotThrowAnyException();
    assertThatCode(() -> Priming.registerWithoutKubernetes().beforeCheckpoint(null)).doesNotThrowAnyException();
  }
}
