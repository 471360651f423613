namespace Bench.Load.Tests.TestServer;

/// <summary>What the test server does with one request.</summary>
public enum Fault
{
    /// <summary>200, Content-Length, body "Hello, World!".</summary>
    None,
    /// <summary>Answers after <see cref="FaultyServer.SlowDelay"/>.</summary>
    Slow,
    /// <summary>Sends the headers and part of the body, then resets the connection (RST).</summary>
    ResetMidResponse,
    /// <summary>200 with a chunked body, written in several pieces.</summary>
    Chunked,
    /// <summary>200 with Connection: close, then closes the connection.</summary>
    Close,
    /// <summary>500 with a JSON error body.</summary>
    Status500,
    /// <summary>200 with a body of the right length but the wrong bytes.</summary>
    WrongBody,
    /// <summary>200 with a well-framed body of the wrong length ("Hello!").</summary>
    WrongLength,
    /// <summary>302 Found with an empty body: not an error by HTTP, but not what the scenario asked for.</summary>
    Redirect,
}
