package dev.jvmaudit.demo.keepalived;

/** One address change as the IP monitor reports it: {@code cidr} was added to or removed from {@code device}. */
public record VipEvent(String device, String cidr, boolean added) {
}
