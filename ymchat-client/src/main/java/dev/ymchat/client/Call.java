package dev.ymchat.client;

import dev.ymchat.client.internal.BodySource;
import java.net.URI;

/**
 * One prepared request of an operation of {@link Operations}, and how its decoded answer becomes
 * what the caller gets.
 *
 * @param operation the operation
 * @param businessId the business
 * @param method the HTTP method
 * @param uri the full URI
 * @param body the body, or {@code null}
 * @param wireType the type of the answer's {@code result} ({@code Void} for none)
 * @param finish turns the decoded answer into the caller's result (a page, the value itself)
 * @param <W> the wire type of the result
 * @param <T> the caller's type
 */
record Call<W, T>(
    ApiOperation operation,
    long businessId,
    String method,
    URI uri,
    BodySource body,
    Class<W> wireType,
    Finish<W, T> finish) {

  /**
   * Turns a decoded answer into the caller's result.
   *
   * @param <W> the wire type
   * @param <T> the caller's type
   */
  @FunctionalInterface
  interface Finish<W, T> {
    /**
     * Finishes an answer.
     *
     * @param answer the decoded answer
     * @param options the options of the call, for the calls of later pages
     * @return the caller's result
     */
    ApiResult<T> apply(ApiResult<W> answer, RequestOptions options);
  }

  /**
   * A call whose caller gets the decoded result as it is.
   *
   * @param <R> the result type
   */
  static <R> Finish<R, R> asIs() {
    return (answer, options) -> answer;
  }
}
