package dev.ymchat.client;

import dev.ymchat.client.error.InvalidResponseException;
import dev.ymchat.client.internal.wire.Paging;
import java.util.List;
import java.util.Map;

/**
 * The page tokens one listing has used so far, newest first; immutable, so a page can be paged on
 * from again. A server whose {@code nextPageToken} repeats one of them would send the same pages
 * forever: paging stops there with an {@link InvalidResponseException}.
 */
final class PageChain {

  /** A listing before its first page. */
  static final PageChain START = new PageChain(null, null, 0);

  private final String token;
  private final PageChain parent;
  private final int pages;

  private PageChain(String token, PageChain parent, int pages) {
    this.token = token;
    this.parent = parent;
    this.pages = pages;
  }

  /**
   * The chain after one more page.
   *
   * @param pageToken the token that fetches it, or {@code null} for a listing's first page
   */
  PageChain then(String pageToken) {
    return new PageChain(pageToken, this, pages + 1);
  }

  /**
   * Checks the token an answer names for the next page.
   *
   * @param operation the operation, for the message
   * @param result the answer, for its status and headers
   * @param paging the answer's paging, or {@code null}
   * @return the next page's token, or {@code null} on the last page
   * @throws InvalidResponseException when the token fetched this page or an earlier one
   */
  String checkNext(ApiOperation operation, ApiResult<?> result, Paging paging) {
    String nextPageToken = paging == null ? null : paging.nextPageToken();
    if (nextPageToken == null || nextPageToken.isEmpty()) {
      return nextPageToken;
    }
    for (PageChain c = this; c != null; c = c.parent) {
      if (nextPageToken.equals(c.token)) {
        Map<String, List<String>> headers = result.headers();
        throw new InvalidResponseException(
            InvalidResponseException.Problem.PAGING_LOOP,
            operation.operationId()
                + " failed: the answer for page "
                + pages
                + " of this listing names as the next page a token already used for page "
                + c.pages
                + ", so the server would send the same pages forever; paging stopped. Retry"
                + " later; if it keeps happening, report it to Market support.",
            result.statusCode(),
            headers,
            result.rateLimit().orElse(null),
            null,
            null);
      }
    }
    return nextPageToken;
  }
}
