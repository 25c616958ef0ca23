package dev.ymchat.client.notify;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/** One network of a receiver's allow-list, in CIDR form: {@code 5.45.192.0/18}, {@code ::1/128}. */
final class SourceNetwork {

  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(?:\\.\\d{1,3}){3}");
  private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

  private final String text;
  private final byte[] network;
  private final int prefix;

  private SourceNetwork(String text, byte[] network, int prefix) {
    this.text = text;
    this.network = network;
    this.prefix = prefix;
  }

  /**
   * Parses a network; a bare address is a network of one. Only literal addresses are accepted, so
   * parsing never asks DNS.
   *
   * @throws IllegalArgumentException naming the value and the expected form
   */
  static SourceNetwork parse(String value) {
    String text = value == null ? "" : value.trim();
    int slash = text.indexOf('/');
    String address = slash < 0 ? text : text.substring(0, slash);
    boolean v4 = IPV4.matcher(address).matches();
    if (!v4 && !IPV6.matcher(address).matches()) {
      throw bad(value, "the address must be a literal IPv4 or IPv6 address");
    }
    byte[] bytes;
    try {
      bytes = InetAddress.getByName(address).getAddress();
    } catch (UnknownHostException | SecurityException e) {
      throw bad(value, "the address is not valid");
    }
    if (v4) {
      for (String part : address.split("\\.")) {
        if (Integer.parseInt(part) > 255) {
          throw bad(value, "each part of an IPv4 address is 0..255");
        }
      }
    }
    int bits = bytes.length * 8;
    int prefix = bits;
    if (slash >= 0) {
      String p = text.substring(slash + 1);
      if (!p.matches("\\d{1,3}") || Integer.parseInt(p) > bits) {
        throw bad(value, "the prefix length must be 0.." + bits + " for this address");
      }
      prefix = Integer.parseInt(p);
    }
    byte[] network = bytes.clone();
    for (int i = 0; i < network.length; i++) {
      int keep = Math.max(0, Math.min(8, prefix - i * 8));
      network[i] &= (byte) (0xff << (8 - keep));
    }
    return new SourceNetwork(text, network, prefix);
  }

  /** Tells whether an address lies in this network; IPv4 never matches an IPv6 network. */
  boolean contains(InetAddress address) {
    byte[] bytes = address.getAddress();
    if (bytes.length != network.length) {
      return false;
    }
    for (int i = 0; i < bytes.length; i++) {
      int keep = Math.max(0, Math.min(8, prefix - i * 8));
      int mask = (0xff << (8 - keep)) & 0xff;
      if ((bytes[i] & mask) != (network[i] & 0xff)) {
        return false;
      }
    }
    return true;
  }

  private static IllegalArgumentException bad(String value, String why) {
    return new IllegalArgumentException(
        "'"
            + value
            + "' is not a network in CIDR form such as 5.45.192.0/18 or 2a02:6b8::/32: "
            + why);
  }

  @Override
  public String toString() {
    return text;
  }
}
