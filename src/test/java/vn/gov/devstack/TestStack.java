package vn.gov.devstack;

/** One dev stack per test JVM (a fresh throw-away database with 10,000 people, as the demo), shared by all integration tests. */
public final class TestStack {

    private static DevStack stack;

    private TestStack() {
    }

    public static synchronized DevStack get() {
        if (stack == null) {
            stack = DevStack.start(null, 0, 10_000);
            Runtime.getRuntime().addShutdownHook(new Thread(stack::close));
        }
        return stack;
    }
}
