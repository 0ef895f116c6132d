package dev.aio4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** TaskInfo.tree: the live task tree with owners, states and ages, on virtual time (exact ages). */
class TaskInfoJavaTest extends JavaLoopTestBase {
    private static String render(List<TaskInfo> nodes) {
        return nodes.stream()
            .map(n -> n.name() + "(" + n.state() + " " + n.ageSeconds() + "s parent=" + n.parent() + ")"
                + (n.children().isEmpty() ? "" : render(n.children())))
            .collect(Collectors.joining(", ", "[", "]"));
    }

    @Test
    void theTreeShowsOwnersChildrenStatesAndAges() {
        // "outer" is created by main, on the loop: created from this thread, the virtual clock could
        // jump past the children's sleeps before main even starts.
        List<Task<Object>> outer = new java.util.ArrayList<>();
        List<TaskInfo> tree = loop.runUntilComplete(() -> {
            outer.add(Asyncio.createTask(() -> Asyncio.taskGroup(tg -> {
                tg.createTask(() -> Asyncio.sleep(Duration.ofSeconds(10)), "child-a");
                tg.createTask(() -> Asyncio.sleep(Duration.ofSeconds(10)), "child-b");
                return null;
            }), "outer"));
            return Asyncio.sleep(Duration.ofSeconds(3)).thenApply(v -> TaskInfo.tree(loop));
        });
        assertEquals(
            "[main(pending 3.0s parent=null), outer(pending 3.0s parent=null)[child-a(pending 3.0s parent=outer),"
                + " child-b(pending 3.0s parent=outer)]]",
            render(tree));
        assertNull(tree.get(1).parent());
        assertEquals(outer.get(0), tree.get(1).task());

        outer.get(0).cancel();
        List<TaskInfo> after = loop.runUntilComplete(() -> Asyncio.sleep(Duration.ofSeconds(1)).thenApply(v -> TaskInfo.tree(loop)));
        assertEquals("[main(pending 1.0s parent=null)]", render(after));
    }
}
