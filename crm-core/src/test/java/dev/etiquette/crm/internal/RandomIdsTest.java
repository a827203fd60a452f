package dev.etiquette.crm.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.etiquette.crm.api.RecordIds;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/** The default ids: 22 URL-safe Base64 characters of 16 random bytes each, never handed out twice. */
class RandomIdsTest {

  @Test
  void idsAreWellFormedDistinctAndCarry128Bits() {
    Set<String> seen = ConcurrentHashMap.newKeySet();
    for (int i = 0; i < 10_000; i++) { // many times the ids of one draw of random bytes
      String id = RandomIds.INSTANCE.newId("party");
      assertThat(id).hasSize(22);
      assertThat(RecordIds.isWellFormed(id)).isTrue();
      assertThat(Base64.getUrlDecoder().decode(id)).hasSize(16);
      assertThat(seen.add(id)).as("id %s handed out twice", id).isTrue();
    }
  }

  @Test
  void threadsDrawingAtOnceGetDistinctIds() throws InterruptedException {
    Set<String> seen = ConcurrentHashMap.newKeySet();
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      threads.add(new Thread(() -> {
        for (int i = 0; i < 5_000; i++) {
          seen.add(RandomIds.INSTANCE.newId("party"));
        }
      }));
    }
    threads.forEach(Thread::start);
    for (Thread thread : threads) {
      thread.join();
    }
    assertThat(seen).hasSize(20_000);
  }
}
