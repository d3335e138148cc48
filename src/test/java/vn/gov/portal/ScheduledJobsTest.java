package vn.gov.portal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.scheduling.config.ScheduledTaskHolder;

/**
 * Every scheduled job has a scheduler thread of its own, so that one that takes long (a batch of mails to a slow SMTP
 * server) holds up none of the others, the audit linker least of all. A new {@code @Scheduled} method fails this test
 * until {@code spring.task.scheduling.pool.size} in application.yml is raised with it.
 */
class ScheduledJobsTest extends PortalIntegrationTest {

    @Autowired
    ThreadPoolTaskScheduler scheduler;
    @Autowired
    ScheduledTaskHolder scheduledTasks;

    @Test
    void theSchedulerHasAThreadForEveryScheduledJob() {
        int jobs = scheduledTasks.getScheduledTasks().size();
        assertThat(jobs).as("scheduled jobs found").isGreaterThanOrEqualTo(4);
        assertThat(scheduler.getScheduledThreadPoolExecutor().getCorePoolSize()).isGreaterThanOrEqualTo(jobs);
    }
}
