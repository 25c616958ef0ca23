package dev.ymchat.client.internal;

import java.util.concurrent.CompletableFuture;

/**
 * The one small interface that auth, logging, limiting and retrying decorate: sends a call and
 * completes with a 2xx answer, or exceptionally with a {@code YmChatException}.
 */
@FunctionalInterface
public interface Transport {

  /**
   * Sends a call.
   *
   * @param call the call
   * @return the answer; failures complete the future with a {@code YmChatException}
   */
  CompletableFuture<HttpResult> execute(HttpCall call);
}
