package example.spring;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A small, ordinary Spring Boot service (Tomcat, actuator, Prometheus registry, its own logback configuration and
 * meters) that the integration test runs with and without the audit agent.
 */
@SpringBootApplication
public class OrdersApplication {

    public static void main(String[] args) {
        SpringApplication.run(OrdersApplication.class, args);
    }
}
