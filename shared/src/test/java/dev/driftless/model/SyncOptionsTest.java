package dev.driftless.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.driftless.model.SyncOptions.Flag;
import dev.driftless.model.SyncOptions.PrunePropagation;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SyncOptionsTest {

  /** Each row: the option entries (';' between them), then the flag read, then its value. */
  @ParameterizedTest(name = "[{0}] {1} = {2}")
  @CsvSource(delimiter = '|', textBlock = """
      ''                                      | CREATE_NAMESPACE           | false
      ''                                      | PRUNE                      | true
      CreateNamespace=true                    | CREATE_NAMESPACE           | true
      createnamespace=TRUE                    | CREATE_NAMESPACE           | true
      CreateNamespace=yes                     | CREATE_NAMESPACE           | false
      CreateNamespace                         | CREATE_NAMESPACE           | false
      ' CreateNamespace=true'                 | CREATE_NAMESPACE           | false
      Prune=false                             | PRUNE                      | false
      Prune=no                                | PRUNE                      | true
      PruneLast=true                          | PRUNE_LAST                 | true
      Replace=true                            | REPLACE                    | true
      Force=true                              | FORCE                      | true
      RespectIgnoreDifferences=true           | RESPECT_IGNORE_DIFFERENCES | true
      Force=false;Force=true                  | FORCE                      | false
      Validate=false;ServerSideApply=true     | FORCE                      | false
      ''                                      | DELETE                     | true
      Delete=false                            | DELETE                     | false
      delete=FALSE                            | DELETE                     | false
      Delete=no                               | DELETE                     | true
      """)
  void aFlagReadsAsArgoCdSpellsIt(String entries, Flag flag, boolean expected) {
    assertThat(SyncOptions.parse(list(entries)).is(flag)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "[{0}] -> {1}")
  @CsvSource(delimiter = '|', textBlock = """
      ''                                                          | FOREGROUND
      PrunePropagationPolicy=orphan                               | ORPHAN
      prunepropagationpolicy=Background                           | BACKGROUND
      PrunePropagationPolicy=sideways                             | FOREGROUND
      PrunePropagationPolicy=orphan;PrunePropagationPolicy=background | ORPHAN
      """)
  void prunePropagationReadsForegroundUnlessBackgroundOrOrphan(String entries, PrunePropagation expected) {
    assertThat(SyncOptions.parse(list(entries)).prunePropagation()).isEqualTo(expected);
  }

  @ParameterizedTest(name = "object [{0}] over application [{1}]: {2} = {3}")
  @CsvSource(delimiter = '|', textBlock = """
      Prune=false              | Prune=true                     | PRUNE      | false
      ''                       | Replace=true                   | REPLACE    | true
      Replace=yes              | Replace=true                   | REPLACE    | false
      Force=true               | ''                             | FORCE      | true
      PruneLast=true           | CreateNamespace=true           | CREATE_NAMESPACE | true
      """)
  void anOptionTheObjectSetsWinsOverTheApplications(String object, String application, Flag flag, boolean expected) {
    assertThat(SyncOptions.parse(list(object)).over(SyncOptions.parse(list(application))).is(flag))
        .isEqualTo(expected);
  }

  @ParameterizedTest(name = "object [{0}] over application [{1}] -> {2}")
  @CsvSource(delimiter = '|', textBlock = """
      ''                              | PrunePropagationPolicy=orphan | ORPHAN
      PrunePropagationPolicy=background | PrunePropagationPolicy=orphan | BACKGROUND
      """)
  void theObjectsPropagationPolicyWinsToo(String object, String application, PrunePropagation expected) {
    assertThat(SyncOptions.parse(list(object)).over(SyncOptions.parse(list(application))).prunePropagation())
        .isEqualTo(expected);
  }

  private static List<String> list(String entries) {
    return entries == null || entries.isEmpty() ? List.of() : Arrays.asList(entries.split(";"));
  }
}
