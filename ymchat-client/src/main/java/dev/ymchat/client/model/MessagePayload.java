package dev.ymchat.client.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A file attached to a message ({@code ChatMessagePayloadDTO}).
 *
 * @param name the file name
 * @param url where the file can be downloaded
 * @param size the size in bytes
 */
public record MessagePayload(String name, String url, @JsonProperty(required = true) long size) {}
