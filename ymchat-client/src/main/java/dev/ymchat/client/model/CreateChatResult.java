package dev.ymchat.client.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The result of createChat ({@code CreateChatResultDTO}).
 *
 * @param chatId the id of the new or already existing chat
 */
public record CreateChatResult(@JsonProperty(required = true) long chatId) {}
