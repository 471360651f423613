using System.Diagnostics;
using Bench.Load.Connections;
using Bench.Load.Http;
using Bench.Load.Native;

namespace Bench.Load.Workers;

/// <summary>Socket events: connecting, reading responses, writing requests, failing and reconnecting.</summary>
internal sealed partial class Worker
{
    private void Open(Connection c, long now, bool countErrors)
    {
        var result = c.StartConnect(_plan.Address);
        if (result == 0)
        {
            _epoll.Add(c.Fd, Libc.EPOLLIN, c.Index);
            OnConnected(c, now);
        }
        else if (result == Libc.EINPROGRESS)
        {
            c.State = ConnectionState.Connecting;
            c.ConnectStartedAt = now;
            c.WantWrite = true;
            _epoll.Add(c.Fd, Libc.EPOLLIN | Libc.EPOLLOUT, c.Index); // writable = the connect finished, one way or the other
        }
        else
        {
            ConnectFailed(c, result, now, countErrors);
        }
    }

    private void ConnectFailed(Connection c, int errno, long now, bool countErrors)
    {
        if (countErrors) CountConnectError(errno == Libc.ECONNREFUSED ? ErrorClass.ConnectRefused : ErrorClass.Other, now);
        c.Close();
        // retried by housekeeping after a pause, so a dead server is not hammered with connects
        c.ReconnectAt = now + _plan.ReconnectDelayTicks;
    }

    private void OnConnected(Connection c, long now)
    {
        c.State = ConnectionState.Open;
        if (c.WantWrite)
        {
            _epoll.Modify(c.Fd, Libc.EPOLLIN, c.Index);
            c.WantWrite = false;
        }
        if (_plan.Open) MarkFree(c);
        else if (CanSend(now)) RefillLater(c);
    }

    private void OnEvent(Connection c, uint events)
    {
        // stamped per event, not per batch: a response read late in a batch of 64 completes late
        var now = Stopwatch.GetTimestamp();
        if (c.State == ConnectionState.Connecting)
        {
            var error = c.ConnectResult();
            if (error == 0) OnConnected(c, now);
            else ConnectFailed(c, error, now, countErrors: _running);
            return;
        }
        if (c.State != ConnectionState.Open) return; // closed earlier in this batch of events
        if ((events & (Libc.EPOLLIN | Libc.EPOLLERR | Libc.EPOLLHUP)) != 0)
        {
            if (!Read(c, now)) return;
            if (!_plan.Open) RefillLater(c);
        }
        if ((events & Libc.EPOLLOUT) != 0 && c.State == ConnectionState.Open) Send(c, now);
    }

    /// <summary>Reads and handles whatever arrived. False when the connection was closed meanwhile.</summary>
    private bool Read(Connection c, long now)
    {
        while (true)
        {
            var room = c.ReceiveRoom;
            var n = c.Receive();
            if (n > 0)
            {
                c.Filled += n;
                if (!HandleResponses(c, now)) return false;
                if (n < room) return true; // level-triggered epoll: no need for a read that would only say EAGAIN
                continue;
            }
            if (n == 0)
            {
                OnEndOfStream(c, now);
                return false;
            }
            if (-n == Libc.EAGAIN) return true;
            Fail(c, -n is Libc.ECONNRESET or Libc.EPIPE ? ErrorClass.Reset : ErrorClass.Other, now);
            return false;
        }
    }

    /// <summary>The server closed its side.</summary>
    private void OnEndOfStream(Connection c, long now)
    {
        if (c.Armed && c.Parser.Finish() == ParseStatus.Complete) Complete(c, now); // body delimited by the close
        // requests still waiting will never be answered; an idle keep-alive close is no error
        if (c.Inflight.Count > 0) Fail(c, ErrorClass.Reset, now);
        else Reopen(c, now);
    }

    /// <summary>Writes the queued requests; registers for writability if the socket is full.</summary>
    private void Send(Connection c, long now)
    {
        var result = c.Flush();
        if (result == 0)
        {
            if (c.WantWrite)
            {
                _epoll.Modify(c.Fd, Libc.EPOLLIN, c.Index);
                c.WantWrite = false;
            }
        }
        else if (result == Libc.EAGAIN)
        {
            if (!c.WantWrite)
            {
                _epoll.Modify(c.Fd, Libc.EPOLLIN | Libc.EPOLLOUT, c.Index);
                c.WantWrite = true;
            }
        }
        else
        {
            Fail(c, result is Libc.ECONNRESET or Libc.EPIPE ? ErrorClass.Reset : ErrorClass.Other, now);
        }
    }

    /// <summary>Every request in flight on <paramref name="c"/> fails with <paramref name="error"/>; the connection is replaced.</summary>
    private void Fail(Connection c, ErrorClass error, long now)
    {
        var lost = c.Inflight.Count;
        if (error == ErrorClass.Timeout) RecordUnanswered(c, now);
        if (lost > 0 && InWindow(now))
        {
            switch (error)
            {
                case ErrorClass.Reset: Errors.Reset += lost; break;
                case ErrorClass.Timeout: Errors.Timeout += lost; break;
                default: Errors.Other += lost; break;
            }
        }
        if (lost > 0) Timeline.Error(SecondOf(now), lost);
        Reopen(c, now);
    }

    private void CountConnectError(ErrorClass error, long now)
    {
        if (!_running) return; // before the start (connect phase) nothing is counted
        if (InWindow(now))
        {
            switch (error)
            {
                case ErrorClass.ConnectRefused: Errors.ConnectRefused++; break;
                case ErrorClass.Timeout: Errors.Timeout++; break;
                default: Errors.Other++; break;
            }
        }
        Timeline.Error(SecondOf(now));
    }

    /// <summary>Closes and immediately opens a fresh connection in the same slot (keeps C connections busy).</summary>
    private void Reopen(Connection c, long now)
    {
        _inflight -= c.Inflight.Count;
        c.Close();
        if (!CanSend(now)) return;
        Reconnects++;
        Open(c, now, countErrors: true);
    }
}
