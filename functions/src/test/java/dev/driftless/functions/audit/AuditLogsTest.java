package dev.driftless.functions.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class AuditLogsTest {

  private static final Map<String, String> GROUPS = Map.of("/aws/eks/prod/cluster", "prod");

  private static String data(String json) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(b)) {
      gz.write(json.getBytes(StandardCharsets.UTF_8));
    }
    return Base64.getEncoder().encodeToString(b.toByteArray());
  }

  @Test
  void aDeliveryGivesItsAuditEventsAndTheClusterItsLogGroupIsMappedTo() throws IOException {
    AuditLogs logs = AuditLogs.decode(data("""
        {"messageType":"DATA_MESSAGE","logGroup":"/aws/eks/prod/cluster","logStream":"kube-apiserver-audit-1",
         "logEvents":[{"id":"1","timestamp":1,"message":"{\\"auditID\\":\\"a\\",\\"verb\\":\\"patch\\"}"},
                      {"id":"2","timestamp":2,"message":"not json"}]}"""), GROUPS);

    assertThat(logs.cluster()).isEqualTo("prod");
    assertThat(logs.events()).singleElement().satisfies(e -> assertThat(e.path("auditID").asText()).isEqualTo("a"));
  }

  @Test
  void anUnmappedLogGroupNamesNoClusterAndAControlMessageNoEvents() throws IOException {
    assertThat(AuditLogs.decode(data("""
        {"messageType":"DATA_MESSAGE","logGroup":"/aws/eks/other/cluster","logEvents":[]}"""), GROUPS).cluster())
        .isNull();
    assertThat(AuditLogs.decode(data("""
        {"messageType":"CONTROL_MESSAGE","logGroup":"/aws/eks/prod/cluster",
         "logEvents":[{"id":"1","timestamp":1,"message":"{}"}]}"""), GROUPS).events()).isEmpty();
  }

  @Test
  void dataThatIsNotBase64GzipIsRefusedNamingTheField() {
    assertThatThrownBy(() -> AuditLogs.decode("not base64!", GROUPS)).hasMessageContaining("awslogs.data");
  }

  @Test
  void theMappingIsReadFromTheEnvironmentAsAJsonObject() {
    assertThat(AuditLogs.groups(Map.of(AuditLogs.ENV, "{\"/aws/eks/prod/cluster\":\"prod\"}"))).isEqualTo(GROUPS);
    assertThat(AuditLogs.groups(Map.of())).isEmpty();
    assertThatThrownBy(() -> AuditLogs.groups(Map.of(AuditLogs.ENV, "[1]"))).hasMessageContaining(AuditLogs.ENV);
  }

  @Test
  void theSampleEventDecodesToOneScaleOfAClusterMappedByItsLogGroup() throws IOException {
    JsonNode sample = new ObjectMapper().readTree(Files.readString(Path.of("../events/cloudwatch-logs-audit.json")));
    AuditLogs logs = AuditLogs.decode(sample.path("awslogs").path("data").asText(),
        Map.of("/aws/eks/prod-eu/cluster", "prod-eu"));

    assertThat(logs.cluster()).isEqualTo("prod-eu");
    assertThat(logs.events()).singleElement().satisfies(e -> {
      AuditEvent event = AuditEvent.of(e);
      assertThat(AuditFilter.ignoredBecause(event)).isEmpty();
      assertThat(event.describe()).isEqualTo("kubernetes-admin patch deployments.apps/scale guestbook/frontend");
    });
  }
}
