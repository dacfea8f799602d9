// See package.json: danfojs-node pins @tensorflow/tfjs-node 3.x, whose install downloads
// libtensorflow and whose import switches the process to the native backend. danfojs only
// needs tensor ops, so it gets the project's tfjs (same engine, whatever backend is active).
module.exports = require('@tensorflow/tfjs');
