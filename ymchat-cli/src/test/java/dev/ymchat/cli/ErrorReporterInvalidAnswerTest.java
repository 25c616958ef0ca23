package dev.ymchat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ymchat.client.error.InvalidResponseException;
import dev.ymchat.client.error.InvalidResponseException.Problem;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each kind of unusable answer gets its own line: what happened and what to do. */
class ErrorReporterInvalidAnswerTest {

  private final ErrorReporter reporter = new ErrorReporter(ZoneOffset.UTC);

  private String message(Problem problem) {
    return reporter.message(
        "ymchat chats",
        new InvalidResponseException(problem, "details", 200, Map.of(), null, null, null));
  }

  @Test
  void notJson_saysSoAndPointsAtTheBaseUrl() {
    assertThat(message(Problem.NOT_API_JSON))
        .isEqualTo(
            "ymchat chats: the server's answer is not the API's JSON (details); check --base-url");
  }

  @Test
  void tooLarge_saysTheAnswerWasTooLarge_notThatItWasNotJson() {
    assertThat(message(Problem.TOO_LARGE))
        .contains("larger than the client reads (details)", "not read further", "--base-url")
        .doesNotContain("not the API's JSON");
  }

  @Test
  void pagingLoop_saysPagingLooped_andWhatToDo() {
    assertThat(message(Problem.PAGING_LOOP))
        .contains("paging went round in a loop (details)", "retry later", "Market support")
        .doesNotContain("not the API's JSON");
  }

  @Test
  void badRedirect_saysTheFileWasNotDownloaded() {
    assertThat(message(Problem.BAD_REDIRECT))
        .contains("redirects where the client does not follow (details)", "not downloaded")
        .doesNotContain("not the API's JSON");
  }
}
