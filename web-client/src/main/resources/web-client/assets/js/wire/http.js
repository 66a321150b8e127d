// Every REST call of the client goes through here: bearer token, one silent renewal on 401,
// JSON in and out, what the server's problem answer says as the error message (session.problemText).
import {ApiError, Unreachable, problemText, readError, refresh, token} from './session.js';

export {ApiError, Unreachable};

async function send(method, path, body, bearer) {
  const headers = {authorization: `Bearer ${bearer}`};
  if (body !== undefined) headers['content-type'] = 'application/json';
  try {
    return await fetch(path, {method, headers, body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin', cache: 'no-store'});
  } catch (e) {
    throw new Unreachable(e);
  }
}

export async function request(method, path, body) {
  let response = await send(method, path, body, await token());
  if (response.status === 401) {
    await refresh();
    response = await send(method, path, body, await token());
  }
  if (!response.ok) throw await readError(response);
  return response.json();
}

export const get = (path) => request('GET', path);
export const post = (path, body) => request('POST', path, body);
export const del = (path) => request('DELETE', path);
export const patch = (path, body) => request('PATCH', path, body);
export const put = (path, body) => request('PUT', path, body);

/**
 * Uploads a file with progress (fetch cannot report upload progress). Resolves with the server's
 * answer; `onProgress` gets a fraction from 0 to 1.
 */
export async function upload(path, file, onProgress, signal) {
  const attempt = async (bearer) => new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    xhr.setRequestHeader('authorization', `Bearer ${bearer}`);
    xhr.responseType = 'json';
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress?.(e.loaded / e.total);
    xhr.onload = () => resolve(xhr);
    xhr.onerror = () => reject(new Unreachable('upload failed'));
    xhr.onabort = () => reject(new DOMException('aborted', 'AbortError'));
    signal?.addEventListener('abort', () => xhr.abort());
    const form = new FormData();
    form.append('file', file, file.name);
    xhr.send(form);
  });
  let xhr = await attempt(await token());
  if (xhr.status === 401) {
    await refresh();
    xhr = await attempt(await token());
  }
  if (xhr.status !== 200) {
    const detail = problemText(xhr.response) ?? `HTTP ${xhr.status}`;
    throw new ApiError(xhr.status, detail);
  }
  return xhr.response;
}
