package dev.aio4j;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.aio4j.db.Connection;
import dev.aio4j.db.DatabaseError;
import dev.aio4j.db.Pool;
import dev.aio4j.db.Queries;
import dev.aio4j.db.Row;
import dev.aio4j.db.RowMapper;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

/**
 * The Java surface of the database pool (issue 7), compile-only like {@link ApiSurfaceJavaTest}: every
 * public constructor and method is referenced with explicit Java types. The body never runs.
 */
class DbApiSurfaceJavaTest {

    @Test
    void everyDbFacadeMethodIsCallableFromJavaWithJavaTypesOnly() {
        Runnable neverRun = DbApiSurfaceJavaTest::surface;
        assertNotNull(neverRun);
    }

    @SuppressWarnings("unused")
    private static void surface() {
        Future<Pool> created = Pool.create("h2:mem:x", 1, 10, Duration.ofSeconds(60));
        Future<Pool> built = Pool.builder("postgresql://u:p@127.0.0.1/db")
                .minSize(1).maxSize(5).commandTimeout(null).acquireTimeout(Duration.ofSeconds(1)).create();
        int defaultSize = Pool.DEFAULT_SIZE;
        Pool pool = created.join();
        Queries queries = pool;
        Future<List<Map<String, Object>>> rows = queries.fetch("SELECT * FROM t WHERE a = $1", 1);
        RowMapper<String> mapper = row -> row.get("name", String.class);
        Future<List<String>> mapped = queries.fetch("SELECT name FROM t", mapper);
        Future<Map<String, Object>> row = queries.fetchRow("SELECT * FROM t WHERE a = $1", 1);
        Future<Object> value = queries.fetchVal("SELECT COUNT(*) FROM t");
        Future<Long> changed = queries.execute("DELETE FROM t WHERE a = $1", 1);
        Future<Long> many = queries.executeMany("INSERT INTO t VALUES ($1)", List.of(List.of(1), List.of(2)));
        Future<Long> tx = queries.transaction(t -> t.execute("DELETE FROM t"));
        Future<Connection> acquired = pool.acquire();
        int size = pool.size();
        int idle = pool.idleSize();
        int inUse = pool.inUse();
        int min = pool.minSize();
        int max = pool.maxSize();
        boolean closed = pool.isClosed();
        CompletionStage<Void> closing = pool.aclose();
        dev.aio4j.coroutines.db.Pool core = pool.coroutines();

        Connection conn = acquired.join();
        Future<Object> onConn = conn.fetchVal("SELECT 1");
        boolean released = conn.isReleased();
        CompletionStage<Void> release = conn.aclose();
        CompletionStage<Boolean> exit = conn.aexit(null);
        dev.aio4j.coroutines.db.Connection coreConn = conn.coroutines();

        Row r = null;
        List<String> names = r.columnNames();
        int columns = r.size();
        Object first = r.get(0);
        Object byName = r.get("name");
        Long asLong = r.get("n", Long.class);
        Integer asInt = r.get(0, Integer.class);
        Map<String, Object> asMap = r.toMap();
        String mappedValue = mapper.map(r);

        DatabaseError error = new DatabaseError("relation does not exist", "42P01", "SELECT 1", null);
        String state = error.sqlState();
        String sql = error.sql();
    }
}
