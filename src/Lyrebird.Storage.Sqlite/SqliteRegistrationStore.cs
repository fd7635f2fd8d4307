using System.Globalization;
using Lyrebird.Core.Registration;
using Lyrebird.Core.Storage;
using Microsoft.Data.Sqlite;

namespace Lyrebird.Storage.Sqlite;

/// <summary>Registrar bindings in SQLite, written through on every change so they survive a restart.</summary>
public sealed class SqliteRegistrationStore(SqliteDatabase database) : IRegistrationStore
{
    private const string Columns = "aor, contact_uri, instance_id, reg_id, q, call_id, cseq, expires_at, registered_at, transport, " +
                                   "remote_address, remote_port, local_address, local_port, connection_id, user_agent";

    public IReadOnlyList<Binding> LoadAll()
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM bindings ORDER BY aor, registered_at";
        using var reader = command.ExecuteReader();
        var bindings = new List<Binding>();
        while (reader.Read())
        {
            bindings.Add(new Binding
            {
                Aor = reader.GetString(0),
                ContactUri = reader.GetString(1),
                InstanceId = reader.IsDBNull(2) ? null : reader.GetString(2),
                RegId = reader.IsDBNull(3) ? null : (int)reader.GetInt64(3),
                Q = reader.GetDouble(4),
                CallId = reader.GetString(5),
                CSeq = (uint)reader.GetInt64(6),
                ExpiresAt = DateTimeOffset.Parse(reader.GetString(7), CultureInfo.InvariantCulture),
                RegisteredAt = DateTimeOffset.Parse(reader.GetString(8), CultureInfo.InvariantCulture),
                Transport = reader.GetString(9),
                RemoteAddress = reader.GetString(10),
                RemotePort = (int)reader.GetInt64(11),
                LocalAddress = reader.GetString(12),
                LocalPort = (int)reader.GetInt64(13),
                ConnectionId = reader.GetInt64(14),
                UserAgent = reader.IsDBNull(15) ? null : reader.GetString(15),
            });
        }

        return bindings;
    }

    public void Save(string aor, IReadOnlyList<Binding> bindings)
    {
        using var connection = database.Open();
        using var transaction = connection.BeginTransaction();
        using (var delete = connection.CreateCommand())
        {
            delete.Transaction = transaction;
            delete.CommandText = "DELETE FROM bindings WHERE aor = $aor";
            delete.Parameters.AddWithValue("$aor", aor);
            delete.ExecuteNonQuery();
        }

        foreach (var binding in bindings)
        {
            using var insert = connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = $"INSERT INTO bindings ({Columns}) VALUES ($aor, $contact, $instance, $regid, $q, $callid, $cseq, $expires, $registered, " +
                                 "$transport, $raddr, $rport, $laddr, $lport, $conn, $ua)";
            Bind(insert, binding);
            insert.ExecuteNonQuery();
        }

        transaction.Commit();
    }

    private static void Bind(SqliteCommand command, Binding b)
    {
        command.Parameters.AddWithValue("$aor", b.Aor);
        command.Parameters.AddWithValue("$contact", b.ContactUri);
        command.Parameters.AddWithValue("$instance", (object?)b.InstanceId ?? DBNull.Value);
        command.Parameters.AddWithValue("$regid", (object?)b.RegId ?? DBNull.Value);
        command.Parameters.AddWithValue("$q", b.Q);
        command.Parameters.AddWithValue("$callid", b.CallId);
        command.Parameters.AddWithValue("$cseq", (long)b.CSeq);
        command.Parameters.AddWithValue("$expires", b.ExpiresAt.ToString("O", CultureInfo.InvariantCulture));
        command.Parameters.AddWithValue("$registered", b.RegisteredAt.ToString("O", CultureInfo.InvariantCulture));
        command.Parameters.AddWithValue("$transport", b.Transport);
        command.Parameters.AddWithValue("$raddr", b.RemoteAddress);
        command.Parameters.AddWithValue("$rport", b.RemotePort);
        command.Parameters.AddWithValue("$laddr", b.LocalAddress);
        command.Parameters.AddWithValue("$lport", b.LocalPort);
        command.Parameters.AddWithValue("$conn", b.ConnectionId);
        command.Parameters.AddWithValue("$ua", (object?)b.UserAgent ?? DBNull.Value);
    }
}
