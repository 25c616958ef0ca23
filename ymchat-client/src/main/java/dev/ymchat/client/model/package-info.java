/** Records and enumerations of the chats API, shared by the client and the sandbox. */
package dev.ymchat.client.model;
