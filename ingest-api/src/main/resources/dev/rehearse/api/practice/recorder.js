// The practice page's recording worklet: hands each block of the microphone's first channel to the
// page, which keeps them until the candidate stops and then writes them as 16-bit PCM WAV.
class RecorderProcessor extends AudioWorkletProcessor {
  process(inputs) {
    var input = inputs[0];
    if (input && input.length > 0) {
      this.port.postMessage(input[0].slice(0));
    }
    return true;
  }
}

registerProcessor('rehearse-recorder', RecorderProcessor);
