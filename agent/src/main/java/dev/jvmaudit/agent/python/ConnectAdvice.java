package dev.jvmaudit.agent.python;

import dev.jvmaudit.agent.Advice;
import dev.jvmaudit.bootstrap.PythonBridge;

/**
 * {@code org.python.netty.channel.AbstractChannel.connect(SocketAddress)}: Jython's {@code socket.connect} (so
 * {@code httplib}, {@code urllib2}), on the Python thread that connects.
 */
final class ConnectAdvice {

    private ConnectAdvice() {
    }

    @Advice.OnMethodEnter
    static void enter(@Advice.This Object channel, @Advice.Argument(0) Object address) {
        PythonBridge.connecting(channel, address);
    }
}
