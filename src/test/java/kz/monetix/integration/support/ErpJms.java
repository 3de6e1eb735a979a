package kz.monetix.integration.support;

import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** An ERP on the broker's TCP acceptor, with the plain JMS API (Artemis CORE client), as an ERP's middleware would be. */
public final class ErpJms implements AutoCloseable {

    public static final String ACCEPTOR = "tcp://127.0.0.1:18616";

    private final Connection connection;
    private final Session session;

    public ErpJms(String url) throws JMSException {
        connection = new ActiveMQConnectionFactory(url).createConnection();
        connection.start();
        session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
    }

    public ErpJms() throws JMSException {
        this(ACCEPTOR);
    }

    public Queue queue(String name) throws JMSException {
        return session.createQueue(name);
    }

    public Queue temporaryQueue() throws JMSException {
        return session.createTemporaryQueue();
    }

    public TextMessage text(String body) throws JMSException {
        return session.createTextMessage(body);
    }

    public BytesMessage bytes(String body) throws JMSException {
        BytesMessage message = session.createBytesMessage();
        message.writeBytes(body.getBytes(StandardCharsets.UTF_8));
        return message;
    }

    public void send(String queue, Message message) throws JMSException {
        try (var producer = session.createProducer(queue(queue))) {
            producer.send(message);
        }
    }

    /** The next message on {@code queue} that matches {@code selector}, or null after {@code millis}. */
    public Message receive(Queue queue, String selector, long millis) throws JMSException {
        try (MessageConsumer consumer = session.createConsumer(queue, selector)) {
            return consumer.receive(millis);
        }
    }

    public Message receive(String queue, String selector, long millis) throws JMSException {
        return receive(queue(queue), selector, millis);
    }

    /** Every message matching {@code selector} that arrives on {@code queue} until {@code count} came or {@code millis} passed. */
    public List<Message> receiveAll(String queue, String selector, int count, long millis) throws JMSException {
        List<Message> received = new ArrayList<>();
        long until = System.currentTimeMillis() + millis;
        try (MessageConsumer consumer = session.createConsumer(queue(queue), selector)) {
            while (received.size() < count && System.currentTimeMillis() < until) {
                Message message = consumer.receive(Math.max(1, until - System.currentTimeMillis()));
                if (message != null) {
                    received.add(message);
                }
            }
        }
        return received;
    }

    public static String body(Message message) throws JMSException {
        if (message instanceof TextMessage text) {
            return text.getText();
        }
        BytesMessage bytes = (BytesMessage) message;
        byte[] data = new byte[(int) bytes.getBodyLength()];
        bytes.readBytes(data);
        return new String(data, StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws JMSException {
        connection.close();
    }
}
