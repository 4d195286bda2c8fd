# SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause
# python signal handlers, alarm, setitimer, pthread_kill
python3 - <<'P'
import os, signal, time
got = []
signal.signal(signal.SIGUSR1, lambda s, f: got.append(s))
os.kill(os.getpid(), signal.SIGUSR1); print(got == [signal.SIGUSR1])
signal.signal(signal.SIGALRM, lambda s, f: got.append("alarm"))
signal.alarm(1); time.sleep(3); print(got[-1])
signal.setitimer(signal.ITIMER_REAL, 0.2); signal.pause(); print("itimer", got[-1])
print(signal.getsignal(signal.SIGINT) is signal.default_int_handler)
P
