package dev.jvmaudit.bootstrap;

/**
 * Called by advice inlined into the HTTP clients (the JDK's {@code HttpURLConnection} and {@code java.net.http},
 * Apache HttpClient 5, OkHttp) and into the JDK's TLS classes; forwards to the agent's http rules.
 */
public final class HttpBridge {

    /** Which client a call comes from. */
    public static final int JDK_HTTP_CLIENT = 1;
    public static final int APACHE_HC5 = 2;
    public static final int OKHTTP = 3;

    /** The agent side, typed only with JDK types. */
    public interface Hooks {
        /**
         * A request is about to be sent; returns a token for {@link #sent} or {@link #jdkSendReturned} (null when
         * nothing is to be tracked).
         * {@code site} is the send's own call site when the application's call was tagged with it ({@link SiteTags}).
         */
        Object sending(int client, Object httpClient, Object request, Object target, Object context, String site);

        /** The send call returned: a response, a future of one (java.net.http), or nothing yet (OkHttp's enqueue). */
        void sent(int client, Object token, Object result);

        /** java.net.http: the synchronous {@code send} whose {@link #sending} gave {@code token} returned this. */
        void jdkSendReturned(Object token, Object response);

        /** OkHttp: the final response of a call came out of its interceptor chain. */
        void received(int client, Object call, Object response);

        /** The application read the status of the response known by this key. */
        void statusRead(int client, Object key);

        /** {@code HttpURLConnection} is connecting; timeouts as set on it (-1: never set). */
        void urlConnecting(Object connection, int connectTimeout, int readTimeout);

        /** {@code SSLContext.init} with the application's trust managers (a {@code TrustManager[]}, may be null). */
        void sslContextInit(Object trustManagers);

        /** A {@code HostnameVerifier} is installed; {@code how} names the API, {@code policy} is HC5's policy or null. */
        void hostnameVerifierInstalled(Object verifier, String how, Object policy);
    }

    public static volatile Hooks hooks;

    /**
     * Slot of the thread's {@link Guard#slots()}: 1 from the entry into java.net.http's synchronous {@code send}, whose
     * exchange that entry starts, until the {@code sendAsync} it calls, which then has nothing to start.
     */
    private static final int SYNC_SEND = 4;

    private HttpBridge() {
    }

    public static Object sending(int client, Object httpClient, Object request, Object target, Object context) {
        Hooks h = hooks;
        int[] slots = Guard.slots();
        if (h == null || !Guard.enter(slots)) {
            return null;
        }
        if (client == JDK_HTTP_CLIENT && slots[SYNC_SEND] != 0) {
            slots[SYNC_SEND] = 0;
            Guard.exit(slots);
            return null;
        }
        return startExchange(h, slots, client, httpClient, request, target, context);
    }

    /** Inside the guard: the rules start the request's exchange, with the site its call was tagged with. */
    private static Object startExchange(Hooks h, int[] slots, int client, Object httpClient, Object request,
                                        Object target, Object context) {
        String site = SiteTags.take(SiteTags.HTTP, request);
        try {
            return h.sending(client, httpClient, request, target, context, site);
        } catch (Throwable t) {
            Guard.failed("http", t);
            return null;
        } finally {
            Guard.exit(slots);
        }
    }

    public static void sent(int client, Object token, Object result, Throwable failure) {
        if (token == null || failure != null) {
            return;
        }
        Hooks h = hooks;
        int[] slots = Guard.slots();
        if (h == null || !Guard.enter(slots)) {
            return;
        }
        try {
            h.sent(client, token, result);
        } catch (Throwable t) {
            Guard.failed("http", t);
        } finally {
            Guard.exit(slots);
        }
    }

    /**
     * java.net.http's synchronous {@code send} starts: its exchange starts here, in one crossing, and the {@code
     * sendAsync} it calls on this thread skips it. Returns the token for {@link #jdkSendReturned}.
     */
    public static Object jdkSendStarting(Object httpClient, Object request) {
        Hooks h = hooks;
        int[] slots = Guard.slots();
        if (h == null || !Guard.enter(slots)) {
            return null;
        }
        slots[SYNC_SEND] = 1;
        return startExchange(h, slots, JDK_HTTP_CLIENT, httpClient, request, null, null);
    }

    /** The synchronous {@code send} returned {@code response} (null when it threw, perhaps before its sendAsync). */
    public static void jdkSendReturned(Object token, Object response) {
        int[] slots = Guard.slots();
        slots[SYNC_SEND] = 0;
        Hooks h = hooks;
        if (token == null || response == null || h == null || !Guard.enter(slots)) {
            return;
        }
        try {
            h.jdkSendReturned(token, response);
        } catch (Throwable t) {
            Guard.failed("http", t);
        } finally {
            Guard.exit(slots);
        }
    }

    public static void received(int client, Object call, Object response) {
        Hooks h = hooks;
        int[] slots = Guard.slots();
        if (response == null || h == null || !Guard.enter(slots)) {
            return;
        }
        try {
            h.received(client, call, response);
        } catch (Throwable t) {
            Guard.failed("http", t);
        } finally {
            Guard.exit(slots);
        }
    }

    /** Called on every status read of a response class: constant work, no allocation when nothing is tracked. */
    public static void statusRead(int client, Object key) {
        Hooks h = hooks;
        int[] slots = Guard.slots();
        if (key == null || h == null || !Guard.enter(slots)) {
            return;
        }
        try {
            h.statusRead(client, key);
        } catch (Throwable t) {
            Guard.failed("http", t);
        } finally {
            Guard.exit(slots);
        }
    }

    public static void urlConnecting(Object connection, int connectTimeout, int readTimeout) {
        Hooks h = hooks;
        int[] slots = Guard.slots();
        if (h == null || !Guard.enter(slots)) {
            return;
        }
        try {
            h.urlConnecting(connection, connectTimeout, readTimeout);
        } catch (Throwable t) {
            Guard.failed("http", t);
        } finally {
            Guard.exit(slots);
        }
    }

    public static void sslContextInit(Object trustManagers) {
        Hooks h = hooks;
        if (trustManagers == null || h == null || !Guard.enter()) {
            return;
        }
        try {
            h.sslContextInit(trustManagers);
        } catch (Throwable t) {
            Guard.failed("http", t);
        } finally {
            Guard.exit();
        }
    }

    public static void hostnameVerifierInstalled(Object verifier, String how, Object policy) {
        Hooks h = hooks;
        if (verifier == null || h == null || !Guard.enter()) {
            return;
        }
        try {
            h.hostnameVerifierInstalled(verifier, how, policy);
        } catch (Throwable t) {
            Guard.failed("http", t);
        } finally {
            Guard.exit();
        }
    }
}
