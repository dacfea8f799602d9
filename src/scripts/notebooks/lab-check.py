#!/usr/bin/env python3
"""Talks to a running JupyterLab server the way the browser does (used by lab-check.sh).

    python lab-check.py BASE_URL TOKEN NOTEBOOK.ipynb TSLAB_BINARY SERVER_PID

1. waits for GET /api/status (up to 120 s; fails early when the server process exits),
2. GET /api/kernelspecs: tslab must be listed and start TSLAB_BINARY,
3. POST /api/kernels {name: tslab}, then over /api/kernels/ID/channels (websocket)
   sends each code cell of NOTEBOOK as an execute_request and collects its outputs;
   a cell error or any stderr stream fails the check,
4. DELETE /api/kernels/ID and POST /api/shutdown.
Needs only what JupyterLab installs (tornado). Exits 0 on success, 1 with a reason.
"""
import asyncio
import json
import os
import sys
import time
import uuid

from tornado.httpclient import AsyncHTTPClient, HTTPClientError, HTTPRequest
from tornado.websocket import websocket_connect

base, token, notebook_path, tslab_binary, server_pid = sys.argv[1:6]
headers = {'Authorization': f'token {token}'}
http = AsyncHTTPClient()


def fail(message):
    print(f'lab-check: {message}', file=sys.stderr)
    sys.exit(1)


async def api(method, path, body=None, timeout=30):
    request = HTTPRequest(f'{base}{path}', method=method, headers=headers, request_timeout=timeout,
                          body=None if method in ('GET', 'DELETE') else json.dumps(body or {}))
    response = await http.fetch(request)
    return json.loads(response.body) if response.body else None


async def wait_for_server():
    deadline = time.time() + 120
    while time.time() < deadline:
        try:
            os.kill(int(server_pid), 0)
        except OSError:
            fail('the JupyterLab server exited before answering')
        try:
            return await api('GET', '/api/status', timeout=5)
        except (HTTPClientError, OSError):
            await asyncio.sleep(1)
    fail('the JupyterLab server did not answer /api/status within 120 s')


def message(msg_type, content, session):
    return {
        'header': {'msg_id': uuid.uuid4().hex, 'msg_type': msg_type, 'username': 'lab-check', 'session': session,
                   'date': time.strftime('%Y-%m-%dT%H:%M:%SZ', time.gmtime()), 'version': '5.3'},
        'parent_header': {}, 'metadata': {}, 'content': content, 'channel': 'shell', 'buffers': [],
    }


async def execute_cells(kernel_id, cells):
    session = uuid.uuid4().hex
    socket = await websocket_connect(HTTPRequest(
        f"{base.replace('http', 'ws', 1)}/api/kernels/{kernel_id}/channels?session_id={session}", headers=headers))
    try:
        for index, source in cells:
            request = message('execute_request', {'code': source, 'silent': False, 'store_history': True,
                                                  'user_expressions': {}, 'allow_stdin': False, 'stop_on_error': True},
                              session)
            await socket.write_message(json.dumps(request))
            started, kinds, idle, reply = time.time(), [], False, None
            while not (idle and reply):
                raw = await asyncio.wait_for(socket.read_message(), timeout=600)
                if raw is None:
                    fail(f'the kernel websocket closed during cell {index}')
                received = json.loads(raw)
                if received.get('parent_header', {}).get('msg_id') != request['header']['msg_id']:
                    continue
                msg_type, content = received['msg_type'], received['content']
                if msg_type == 'status' and content.get('execution_state') == 'idle':
                    idle = True
                elif msg_type == 'execute_reply':
                    reply = content
                elif msg_type == 'stream':
                    kinds.append(f"{content['name']}")
                    if content['name'] == 'stderr':
                        fail(f"cell {index} wrote to stderr:\n{content['text'][:2000]}\n--- cell source:\n{source}")
                elif msg_type in ('display_data', 'update_display_data', 'execute_result'):
                    kinds.append(msg_type)
                elif msg_type == 'error':
                    fail(f"cell {index} failed: {content['ename']}: {content['evalue']}\n--- cell source:\n{source}")
            if reply.get('status') != 'ok':
                fail(f"cell {index} replied {reply.get('status')}: {reply.get('ename')}: {reply.get('evalue')}")
            summary = ', '.join(f'{kinds.count(kind)} {kind}' for kind in dict.fromkeys(kinds)) or 'no output'
            print(f'lab-check:   cell {index:2d} ok in {time.time() - started:5.1f} s ({summary})')
    finally:
        socket.close()


async def main():
    with open(notebook_path) as handle:
        notebook = json.load(handle)
    cells = [(index, ''.join(cell['source'])) for index, cell in enumerate(notebook['cells'])
             if cell['cell_type'] == 'code' and ''.join(cell['source']).strip()]
    status = await wait_for_server()
    print(f"lab-check: server up (started {status.get('started', '?')})")
    specs = await api('GET', '/api/kernelspecs')
    names = sorted(specs['kernelspecs'])
    print(f"lab-check: /api/kernelspecs lists {', '.join(names)}")
    if 'tslab' not in specs['kernelspecs']:
        fail('the server does not list the tslab kernel: run npm run setup:kernel')
    argv = specs['kernelspecs']['tslab']['spec']['argv']
    if argv[0] != tslab_binary:
        fail(f'the tslab kernel starts {argv[0]}, not this checkout\'s {tslab_binary}: run npm run setup:kernel')
    kernel = await api('POST', '/api/kernels', {'name': 'tslab', 'path': os.path.dirname(os.path.abspath(notebook_path))})
    print(f"lab-check: kernel {kernel['id']} ({kernel['name']}) started; executing {len(cells)} code cells of {os.path.basename(notebook_path)}")
    started = time.time()
    try:
        await execute_cells(kernel['id'], cells)
    finally:
        await api('DELETE', f"/api/kernels/{kernel['id']}")
    print(f'lab-check: {len(cells)} cells ran without error or stderr in {time.time() - started:.1f} s; kernel stopped')
    try:
        await api('POST', '/api/shutdown')
        print('lab-check: server shut down through /api/shutdown')
    except (HTTPClientError, OSError):
        pass


asyncio.run(main())
