package kz.monetix.integration.payment;

import io.agroal.api.AgroalDataSource;
import io.quarkus.agroal.DataSource;
import io.quarkus.arc.Arc;
import jakarta.enterprise.context.ApplicationScoped;
import kz.monetix.integration.runtime.DatabaseSelection;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;

/** The active datasource (H2 or PostgreSQL, chosen from {@code db.url}) and plain JDBC transactions on it. */
@ApplicationScoped
public class Store {

    /** Work done inside one transaction. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private final AgroalDataSource dataSource;
    private final boolean postgresql;

    public Store(@ConfigProperty(name = "db.url") Optional<String> url) {
        this.postgresql = DatabaseSelection.isPostgresql(url.orElse(null));
        String name = postgresql ? DatabaseSelection.POSTGRESQL : DatabaseSelection.H2;
        this.dataSource = Arc.container().select(AgroalDataSource.class, new DataSource.DataSourceLiteral(name)).get();
    }

    public boolean isPostgresql() {
        return postgresql;
    }

    /** Runs {@code work} in a transaction: committed when it returns, rolled back when it throws. */
    public <T> T inTransaction(Work<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException(e);
        }
    }

    /** A database failure: the caller answers "retry later", never a partial change. */
    public static final class StoreException extends RuntimeException {
        public StoreException(SQLException cause) {
            super("store unavailable: " + cause.getSQLState() + " " + cause.getClass().getSimpleName(), cause);
        }

        /** True when the failure is a unique-key violation (SQL state class 23). */
        public boolean isDuplicateKey() {
            return getCause() instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("23");
        }
    }
}
