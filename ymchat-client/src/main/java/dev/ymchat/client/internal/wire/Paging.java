package dev.ymchat.client.internal.wire;

/**
 * Forward paging information ({@code ForwardScrollingPagerDTO}).
 *
 * @param nextPageToken the token of the next page, or {@code null} on the last page
 */
public record Paging(String nextPageToken) {}
