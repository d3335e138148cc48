package vn.gov.devstack;

import java.util.Arrays;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Lets a Spring context start while something it needs is still starting beside it: only the beans of one type wait
 * for it, when they are created; the rest of the context's start goes on meanwhile.
 */
public final class CreationAwaits {

    private CreationAwaits() {
    }

    /**
     * @param type    the beans that need it (found by their declared type, without creating anything)
     * @param awaited blocks until it is ready, and fails if it failed
     */
    public static ApplicationContextInitializer<ConfigurableApplicationContext> beansOf(Class<?> type, Supplier<?> awaited) {
        String awaitedBean = "awaitedBy" + type.getSimpleName();
        return context -> context.addBeanFactoryPostProcessor(factory -> {
            String[] waiting = factory.getBeanNamesForType(type, true, false);
            if (waiting.length == 0) {
                awaited.get();  // none found by type: wait now rather than let them start too early
                return;
            }
            ((BeanDefinitionRegistry) factory).registerBeanDefinition(awaitedBean,
                    new RootBeanDefinition(Object.class, awaited::get));
            for (String name : waiting) {
                BeanDefinition definition = factory.getBeanDefinition(name);
                String[] dependsOn = definition.getDependsOn() == null ? new String[0] : definition.getDependsOn();
                definition.setDependsOn(Stream.concat(Arrays.stream(dependsOn), Stream.of(awaitedBean)).toArray(String[]::new));
            }
        });
    }
}
