package dev.driftless.infra;

import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import java.util.List;
import software.amazon.awscdk.Stack;

/** cdk-nag (AwsSolutions) findings that are deliberate, each with the reason it is. */
final class Nag {

  private Nag() {}

  static void suppress(Stack stack, DriftlessProps props) {
  }
}
