/** Push notifications that Yandex Market sends to the seller's server, and a receiver for them. */
package dev.ymchat.client.notify;
