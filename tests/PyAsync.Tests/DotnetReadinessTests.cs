using PyAsync.Tests.Support;

namespace PyAsync.Tests;

/// <summary>
/// The streams and subprocess tests again with readiness from .NET's asynchronous socket operations instead of the
/// loop's epoll selector: the path PyAsync takes where there is no epoll (macOS) or with <c>PYASYNC_SELECTOR=dotnet</c>.
/// Both must give CPython's behaviour; on Linux the selector is the default, so this keeps the other path tested.
/// </summary>
[Trait("Category", "Slow")]
public sealed class DotnetReadinessTests
{
    private static void WithoutSelector(Action test)
    {
        EventLoop.UseDotnetReadiness = true;
        try
        {
            test();
        }
        finally
        {
            EventLoop.UseDotnetReadiness = false;
        }
    }

    [Fact]
    public void The_switch_takes_the_selector_away_and_Linux_has_one_by_default()
    {
        WithoutSelector(() => PyRun.Main(async () => Asyncio.GetRunningLoop().Selector.ShouldBeNull()));
        if (OperatingSystem.IsLinux()) PyRun.Main(async () => Asyncio.GetRunningLoop().Selector.ShouldNotBeNull());
    }

    [PythonFact]
    public void An_echo_server_and_client_print_what_CPython_prints() =>
        WithoutSelector(new StreamsTests().An_echo_server_and_client_print_what_CPython_prints);

    [Fact]
    public void A_bulk_transfer_arrives_whole_and_in_order_through_reads_of_mixed_sizes() =>
        WithoutSelector(new StreamsTests().A_bulk_transfer_arrives_whole_and_in_order_through_reads_of_mixed_sizes);

    [Fact]
    public void Drain_blocks_while_the_peer_does_not_read_and_goes_on_when_it_does() =>
        WithoutSelector(new StreamsTests().Drain_blocks_while_the_peer_does_not_read_and_goes_on_when_it_does);

    [Fact]
    public void Connections_made_while_timers_wait_keep_their_virtual_times() =>
        WithoutSelector(new StreamsTests().Connections_made_while_timers_wait_keep_their_virtual_times);

    [Fact]
    public void A_handler_of_the_programs_own_connection_starts_before_a_waiting_timer() =>
        WithoutSelector(new StreamsTests().A_handler_of_the_programs_own_connection_starts_before_a_waiting_timer);

    [PythonFact]
    public void The_subprocess_program_prints_what_CPython_prints() =>
        WithoutSelector(new SubprocessTests().The_subprocess_program_prints_what_CPython_prints);

    [PythonFact]
    public void Drain_blocks_for_a_child_that_never_reads_and_fails_when_it_is_killed_as_in_CPython() =>
        WithoutSelector(new SubprocessTests().Drain_blocks_for_a_child_that_never_reads_and_fails_when_it_is_killed_as_in_CPython);
}
