package dev.driftless.functions.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.driftless.functions.webhook.Provider.EventKind;
import org.junit.jupiter.api.Test;

/**
 * A push as a real Gitea (1.27) sends it, whose {@code repository.url} is the repository's API URL: the delivery
 * still names one repository, its clone URL's (the real forge's first push was refused as naming three).
 */
class GiteaPushPayloadTest {

  private static final String BODY = """
      {"ref": "refs/heads/main", "before": "0000000000000000000000000000000000000000",
       "after": "3abe9d3134edc78d8b15c3acf98ea7ab294e16e2",
       "repository": {"name": "deploy", "full_name": "acme/deploy",
         "url": "http://127.0.0.1:3000/api/v1/repos/acme/deploy",
         "html_url": "http://127.0.0.1:3000/acme/deploy",
         "clone_url": "http://127.0.0.1:3000/acme/deploy.git",
         "ssh_url": "git@127.0.0.1:acme/deploy.git",
         "default_branch": "main"}}
      """;

  @Test
  void aGiteaPushNamesTheRepositoryOfItsCloneUrlNotItsApiUrl() throws Exception {
    for (Provider p : new Provider[] {Provider.GITEA, Provider.FORGEJO}) {
      Payload payload = PayloadReader.read(p, EventKind.PUSH, new ObjectMapper().readTree(BODY));
      assertThat(payload.repositoryUrls()).doesNotContain("http://127.0.0.1:3000/api/v1/repos/acme/deploy");
      assertThat(PayloadRepository.of(p, payload.repositoryUrls()).name()).isEqualTo("127.0.0.1/acme/deploy");
    }
  }
}
