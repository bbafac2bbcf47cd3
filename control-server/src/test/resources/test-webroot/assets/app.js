console.log('asset')
