package kz.monetix.integration.broker;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.security.Role;
import org.apache.activemq.artemis.core.server.JournalType;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.apache.activemq.artemis.spi.core.security.ActiveMQJAASSecurityManager;
import org.apache.activemq.artemis.spi.core.security.jaas.InVMLoginModule;
import org.apache.activemq.artemis.core.config.impl.SecurityConfiguration;
import org.apache.camel.quarkus.main.events.BeforeStart;
import org.apache.camel.support.service.ServiceSupport;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.nio.file.Path;
import java.util.Set;

/**
 * The embedded ActiveMQ Artemis broker ERPs send orders to (unless {@code erp.jms.embedded=false}). It starts before
 * Camel starts its JMS consumers and stops after them; its journal lives under {@code data.dir}, so queued messages
 * survive a restart. The TCP acceptor speaks CORE, AMQP, STOMP and OpenWire; the runtime itself connects in-VM.
 */
@ApplicationScoped
public class EmbeddedBroker {

    private static final Logger LOG = Logger.getLogger(EmbeddedBroker.class);
    private static final String ERP_ROLE = "erp";

    private final JmsConfig config;
    private final Path dataDir;

    public EmbeddedBroker(JmsConfig config, @ConfigProperty(name = "data.dir") String dataDir) {
        this.config = config;
        this.dataDir = Path.of(dataDir, "broker").toAbsolutePath();
    }

    void beforeCamelStarts(@Observes BeforeStart event) throws Exception {
        if (!config.embedded()) {
            LOG.infof("JMS: external broker at %s", config.url());
            return;
        }
        EmbeddedActiveMQ broker = new EmbeddedActiveMQ();
        broker.setConfiguration(configuration());
        if (config.user().isPresent()) {
            SecurityConfiguration users = new SecurityConfiguration();
            users.addUser(config.user().get(), config.password().orElse(""));
            users.addRole(config.user().get(), ERP_ROLE);
            users.setDefaultUser(null);
            broker.setSecurityManager(new ActiveMQJAASSecurityManager(InVMLoginModule.class.getName(), users));
        }
        broker.start();
        if (!broker.getActiveMQServer().getRemotingService().getAcceptor("tcp").isStarted()) {
            broker.stop();
            throw new IllegalStateException("the embedded broker cannot listen on erp.jms.acceptor " + config.acceptor()
                    + " (is the port taken?)");
        }
        LOG.infof("JMS: embedded broker started, acceptor %s (CORE, AMQP, STOMP, OpenWire)%s, journal %s", config.acceptor(),
                config.user().isPresent() ? " with login" : "", dataDir);
        // stopped by Camel after its routes (and so the JMS consumers) have stopped
        event.getCamelContext().addService(new ServiceSupport() {
            @Override
            protected void doStop() throws Exception {
                broker.stop();
            }
        }, true, true);
    }

    private Configuration configuration() throws Exception {
        Configuration c = new ConfigurationImpl();
        c.setName("monetix-erp");
        c.setPersistenceEnabled(true);
        c.setJournalType(JournalType.NIO);
        c.setJournalDatasync(true);
        c.setJournalDirectory(dataDir.resolve("journal").toString());
        c.setBindingsDirectory(dataDir.resolve("bindings").toString());
        c.setLargeMessagesDirectory(dataDir.resolve("large-messages").toString());
        c.setPagingDirectory(dataDir.resolve("paging").toString());
        c.setSecurityEnabled(config.user().isPresent());
        if (config.user().isPresent()) {
            c.putSecurityRoles("#", Set.of(new Role(ERP_ROLE, true, true, true, true, true, true, true, true, true, true, false, false)));
        }
        c.addAcceptorConfiguration("in-vm", "vm://0");
        c.addAcceptorConfiguration("tcp", config.acceptor() + (config.acceptor().contains("?") ? "&" : "?")
                + "protocols=CORE,AMQP,STOMP,OPENWIRE");
        for (String queue : config.queues().intake()) {
            String dlq = queue + ".DLQ";
            c.addQueueConfiguration(QueueConfiguration.of(queue).setRoutingType(RoutingType.ANYCAST).setDurable(true));
            c.addQueueConfiguration(QueueConfiguration.of(dlq).setRoutingType(RoutingType.ANYCAST).setDurable(true));
            c.addAddressSetting(queue, new AddressSettings()
                    .setDeadLetterAddress(SimpleString.of(dlq))
                    .setMaxDeliveryAttempts(config.redelivery().maxAttempts())
                    .setRedeliveryDelay(config.redelivery().delay().toMillis())
                    .setRedeliveryMultiplier(2)
                    .setMaxRedeliveryDelay(config.redelivery().maxDelay().toMillis()));
        }
        c.addQueueConfiguration(QueueConfiguration.of(config.queues().events()).setRoutingType(RoutingType.ANYCAST).setDurable(true));
        return c;
    }
}
