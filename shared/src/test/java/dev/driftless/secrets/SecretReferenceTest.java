package dev.driftless.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SecretReferenceTest {

  @Test
  void parsesANameWithAJsonKey() {
    SecretReference r = SecretReference.parse("{{resolve:secretsmanager:prod/db:SecretString:password}}");
    assertThat(r.secretId()).isEqualTo("prod/db");
    assertThat(r.jsonKey()).isEqualTo("password");
    assertThat(r.version()).isEqualTo(SecretVersion.current("prod/db"));
  }

  @Test
  void parsesTheWholeSecretStringForms() {
    assertThat(SecretReference.parse("{{resolve:secretsmanager:prod/db}}").jsonKey()).isNull();
    assertThat(SecretReference.parse("{{resolve:secretsmanager:prod/db:SecretString}}").jsonKey()).isNull();
    assertThat(SecretReference.parse("{{resolve:secretsmanager:prod/db:SecretString:}}").jsonKey()).isNull();
  }

  @Test
  void parsesAnArnWhoseColonsBelongToTheId() {
    String arn = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/db-AbCdEf";
    SecretReference r = SecretReference.parse("{{resolve:secretsmanager:" + arn + ":SecretString:password::}}");
    assertThat(r.secretId()).isEqualTo(arn);
    assertThat(r.jsonKey()).isEqualTo("password");
    assertThat(r.version().isCurrent()).isTrue();
    assertThat(SecretReference.parse("{{resolve:secretsmanager:" + arn + "}}").secretId()).isEqualTo(arn);
  }

  @Test
  void parsesAVersionStageOrAVersionIdWithEmptyFieldsAllowed() {
    SecretReference staged = SecretReference.parse("{{resolve:secretsmanager:prod/db:SecretString::AWSPREVIOUS}}");
    assertThat(staged.jsonKey()).isNull();
    assertThat(staged.version()).isEqualTo(new SecretVersion("prod/db", "AWSPREVIOUS", null));
    SecretReference byId = SecretReference.parse("{{resolve:secretsmanager:prod/db:SecretString:password::0123-abcd}}");
    assertThat(byId.version()).isEqualTo(new SecretVersion("prod/db", null, "0123-abcd"));
  }

  @Test
  void refusesMalformedReferencesSayingWhy() {
    assertThatThrownBy(() -> SecretReference.parse("{{resolve:secretsmanager:prod/db:SecretBinary:x}}"))
        .hasMessage("the field after the secret id must be SecretString, not SecretBinary");
    assertThatThrownBy(() -> SecretReference.parse("{{resolve:secretsmanager:prod/db:SecretString:k:AWSCURRENT:v1}}"))
        .hasMessage("give a version stage or a version id, not both");
    assertThatThrownBy(() -> SecretReference.parse("{{resolve:secretsmanager:prod/db:SecretString:k:s::extra}}"))
        .hasMessageStartingWith("too many fields");
    assertThatThrownBy(() -> SecretReference.parse("{{resolve:secretsmanager:arn:aws:secretsmanager:eu-west-1}}"))
        .hasMessageStartingWith("the secret ARN is incomplete");
    assertThatThrownBy(() -> SecretReference.parse("{{resolve:secretsmanager:}}"))
        .hasMessageStartingWith("the secret id is missing");
    assertThatThrownBy(() -> SecretReference.parse("{{resolve:ssm:/prod/region}}"))
        .hasMessage("only secretsmanager references are supported, not ssm");
  }

  @Test
  void findsEveryReferenceEmbeddedInText() {
    assertThat(SecretReference.findAll("a {{resolve:secretsmanager:x:SecretString:k}} b {{resolve:secretsmanager:y}}"))
        .extracting(SecretReference::secretId).containsExactly("x", "y");
    assertThat(SecretReference.findAll("no references {{ .Values.x }}")).isEmpty();
    assertThat(SecretReference.isWhole("{{resolve:secretsmanager:y}}")).isTrue();
    assertThat(SecretReference.isWhole("x{{resolve:secretsmanager:y}}")).isFalse();
  }
}
