/**
 * The unchecked exceptions of the client: one base, {@link
 * dev.ymchat.client.error.YmChatException}, and one subclass per kind of failure.
 */
package dev.ymchat.client.error;
