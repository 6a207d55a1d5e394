self.throwsStarted = true;
throw new RangeError("thrown by a module");
