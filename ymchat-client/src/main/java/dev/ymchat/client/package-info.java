/**
 * The client of the chats of the Yandex Market Partner API: start at {@link
 * dev.ymchat.client.ChatsClient#builder()}.
 */
package dev.ymchat.client;
