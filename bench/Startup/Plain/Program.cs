// The runtime's own floor for the start-up bench: hello.py's output from plain .NET, with no
// event loop (Console.WriteLine and Thread.Sleep), published the same ways as the Hello port.
Console.WriteLine("Hello ...");
Thread.Sleep(100);
Console.WriteLine("... World!");
