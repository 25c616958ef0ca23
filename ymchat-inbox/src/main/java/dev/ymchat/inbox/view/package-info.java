/** What the templates show: plain values prepared by the routes (not an API). */
package dev.ymchat.inbox.view;
