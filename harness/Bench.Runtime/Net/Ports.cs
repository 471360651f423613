using System.Net;
using System.Net.Sockets;

namespace Bench.Runtime.Net;

/// <summary>Loopback port helpers: a free port for each target and database, and a clear error when one is taken.</summary>
public static class Ports
{
    public static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static void EnsureFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.AddressAlreadyInUse)
        {
            throw new Core.BenchException($"port {port} on 127.0.0.1 is already in use: stop whatever listens there (ss -ltnp 'sport = :{port}') or choose another port.");
        }
    }
}
