using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace Bench.Load.Native;

/// <summary>A Linux <c>sockaddr_in</c>/<c>sockaddr_in6</c> built once per run, reused by every connect.</summary>
internal sealed class SockAddr
{
    public byte[] Bytes { get; }
    public int Family { get; }

    public SockAddr(IPEndPoint endPoint)
    {
        if (endPoint.AddressFamily == AddressFamily.InterNetwork)
        {
            Family = Libc.AF_INET;
            Bytes = new byte[16];
            BinaryPrimitives.WriteUInt16LittleEndian(Bytes, (ushort)Libc.AF_INET); // sa_family is host order
            BinaryPrimitives.WriteUInt16BigEndian(Bytes.AsSpan(2), (ushort)endPoint.Port);
            endPoint.Address.TryWriteBytes(Bytes.AsSpan(4, 4), out _);
        }
        else
        {
            Family = Libc.AF_INET6;
            Bytes = new byte[28];
            BinaryPrimitives.WriteUInt16LittleEndian(Bytes, (ushort)Libc.AF_INET6);
            BinaryPrimitives.WriteUInt16BigEndian(Bytes.AsSpan(2), (ushort)endPoint.Port);
            endPoint.Address.TryWriteBytes(Bytes.AsSpan(8, 16), out _);
            BinaryPrimitives.WriteUInt32LittleEndian(Bytes.AsSpan(24), (uint)endPoint.Address.ScopeId);
        }
    }
}
